import Testing

@testable import TilgangDomain

/// `Codes`: the shapes of ICD-10, ATC and country codes, and ICD-10 prefix coverage.
@Suite struct CodesTests {
    @Test(arguments: ["E11", "E11.9", "G12.2", "C34.9", "E66", "F32.A", "C7A", "M05.79", "S72.0010"])
    func validICD10(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isICD10(input)
        // then
        #expect(valid)
    }

    @Test(arguments: ["E6", "E1", "e11", "E11.", "E119", "11E", "E11-9", "E11.12345", "", "É11", "E11.9 ", "E1A.b"])
    func invalidICD10(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isICD10(input)
        // then
        #expect(!valid)
    }

    @Test(arguments: [
        ("E11", "E11.9", true), ("E11", "E11", true), ("E11", "E13", false), ("E11.9", "E11", false),
        ("E11.6", "E11.65", true), ("E11.6", "E11.7", false), ("G30", "G30.1", true), ("C83", "C34.9", false),
    ])
    func indicationCoverage(approved: String, code: String, covers: Bool) {
        // given
        let pair = (approved, code)
        // when
        let result = Codes.indication(pair.0, covers: pair.1)
        // then
        #expect(result == covers)
    }

    @Test(arguments: ["A10BJ06", "N02BG10", "N07XX", "N", "N02", "N02B", "QP52AC01", "QN02BG10", "QI07AA01"])
    func validATC(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isATC(input)
        // then
        #expect(valid)
    }

    @Test(arguments: [
        "", "a10bj06", "A10BJ6", "A1", "A10BJ060", "A10B J06", "not-an-atc", "1A0BJ06", "A1XBJ06", "QP52AC0",
        "QP52AC011",
        "Qp52AC01", "A10bj06",
    ])
    func invalidATC(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isATC(input)
        // then
        #expect(!valid)
    }

    @Test(arguments: ["DE", "BG", "US", "IN", "GB"])
    func validCountryCode(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isCountryCode(input)
        // then
        #expect(valid)
    }

    @Test(arguments: ["de", "De", "DEU", "D", "", "1A", "ÆØ", "D "])
    func invalidCountryCode(code: String) {
        // given
        let input = code
        // when
        let valid = Codes.isCountryCode(input)
        // then
        #expect(!valid)
    }
}
