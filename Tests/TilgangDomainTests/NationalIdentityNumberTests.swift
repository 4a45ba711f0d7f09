import Testing

@testable import TilgangDomain

@Suite struct NationalIdentityNumberTests {
    /// Builds a number with valid check digits from nine leading digits, or nil when none exists.
    static func withCheckDigits(_ nine: String) -> String? {
        let digits = nine.compactMap(\.wholeNumberValue)
        guard let k1 = NationalIdentityNumber.checkDigit(digits, weights: [3, 7, 6, 1, 8, 9, 4, 5, 2]),
            let k2 = NationalIdentityNumber.checkDigit(digits + [k1], weights: [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        else { return nil }
        return nine + "\(k1)\(k2)"
    }

    @Test func validBirthNumberAndDNumber() throws {
        // given
        let birth = try #require(
            (0..<1000).lazy.compactMap { Self.withCheckDigits("150385" + String(format: "%03d", $0)) }.first)
        let dNumber = try #require(
            (0..<1000).lazy.compactMap { Self.withCheckDigits("550385" + String(format: "%03d", $0)) }.first)
        // then
        #expect(NationalIdentityNumber(birth)?.kind == .birthNumber)
        #expect(NationalIdentityNumber(dNumber)?.kind == .dNumber)
        #expect(NationalIdentityNumber(birth)?.masked == "150385*****")
    }

    @Test func wrongCheckDigitOrDateOrLengthIsRefused() throws {
        let birth = try #require(
            (0..<1000).lazy.compactMap { Self.withCheckDigits("150385" + String(format: "%03d", $0)) }.first)
        var wrong = Array(birth)
        wrong[10] = wrong[10] == "0" ? "1" : "0"
        #expect(NationalIdentityNumber(String(wrong)) == nil)
        #expect(NationalIdentityNumber("3202851234") == nil)
        #expect(
            NationalIdentityNumber(try #require(Self.withCheckDigits("320285123") ?? Self.withCheckDigits("320285124")))
                == nil)
        #expect(NationalIdentityNumber("abcdefghijk") == nil)
    }

    @Test func hprNumberIsDigitsOnly() {
        #expect(HPRNumber("1234567")?.digits == "1234567")
        #expect(HPRNumber("12a4567") == nil)
        #expect(HPRNumber("123") == nil)
        #expect(HPRNumber("1234567890") == nil)
    }
}
