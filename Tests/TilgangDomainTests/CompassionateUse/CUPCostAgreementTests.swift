import Testing

@testable import TilgangDomain

/// The CUP draft cost agreement (issue 18): plausible amount and period, a supplier, every error on its field.
@Suite struct CUPCostAgreementTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    static func fields(
        amount: String = "125 000", from: CalendarDate? = date(2027, 1, 1), to: CalendarDate? = date(2027, 12, 31),
        supplier: String = "Novartis Norge AS", reference: String = ""
    ) -> [String: String] {
        do {
            _ = try CUPCostAgreement.make(
                amount: amount, from: from, to: to, supplier: supplier, reference: reference)
            return [:]
        } catch {
            return Dictionary(error.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test func amountsInKronerAndOre() {
        #expect(CUPCostAgreement.parseAmount("125 000") == 12_500_000)
        #expect(CUPCostAgreement.parseAmount("125000,5") == 12_500_050)
        #expect(CUPCostAgreement.parseAmount("1.250.000,75 kr") == 125_000_075)
        #expect(CUPCostAgreement.parseAmount("kr 1\u{A0}000,-") == 100_000)
        #expect(CUPCostAgreement.parseAmount("NOK 99") == 9_900)
        for bad in ["", "abc", "-5000", "12,345", "1,2,3", "12e5", "٣٤٥", "1000000000000000"] {
            #expect(CUPCostAgreement.parseAmount(bad) == nil, "\(bad)")
        }
        #expect(CUPCostAgreement.kroner(12_500_050) == "125 000,50 kr")
        #expect(CUPCostAgreement.kroner(100_000_000_00) == "100 000 000 kr")
        #expect(CUPCostAgreement.kroner(5) == "0,05 kr")
    }

    @Test func theBoundsAreNamedOnTheirFields() {
        #expect(Self.fields().isEmpty)
        #expect(Self.fields(amount: "100 000 000").isEmpty)
        #expect(Self.fields(amount: "100 000 000,01")["costAmount"]?.contains("100 000 000") == true)
        #expect(Self.fields(amount: "0")["costAmount"]?.contains("større enn 0") == true)
        #expect(Self.fields(amount: "−5 000")["costAmount"] != nil)
        #expect(Self.fields(from: Self.date(1999, 12, 31))["costFrom"]?.contains("2000") == true)
        #expect(Self.fields(from: nil)["costFrom"] != nil)
        #expect(Self.fields(to: Self.date(2026, 12, 31))["costTo"]?.contains("før") == true)
        // five years at most: 01.01.2027–31.12.2031 is fine, a day more is not
        #expect(Self.fields(to: Self.date(2031, 12, 31)).isEmpty)
        #expect(Self.fields(to: Self.date(2032, 1, 1))["costTo"]?.contains("31.12.2031") == true)
        #expect(Self.fields(supplier: "  ")["costSupplier"] != nil)
        #expect(Self.fields(reference: String(repeating: "x", count: 101))["costReference"] != nil)
        // every bad field at once
        #expect(Set(Self.fields(amount: "x", from: nil, to: nil, supplier: "").keys).count == 4)
    }
}
