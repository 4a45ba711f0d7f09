import Testing

@testable import TilgangApp

/// A whole case number is searched through the unique index: it must find exactly what `contains` over every
/// case number finds.
@Suite struct CaseSearchNumbersTests {
    static let codes = ["SI", "HB", "XSI", "AHUS", "OUS"]
    static let stored = codes.flatMap { code in
        ["2025-001834", "2025-000001", "2026-001834"].map { "\(code)-\($0)" }
    }

    @Test(arguments: [
        "si-2025-001834", "hb-2026-001834", "ous-2025-000001", "us-2025-000001", "s-2025-001834", "x-2025-001834",
        "ahus-2025-000001", "i-2026-001834",
    ])
    func findsWhatContainsFinds(_ text: String) {
        #expect(CaseSearchNumbers.isWholeNumber(text))
        let expected = Self.stored.filter { $0.lowercased().contains(text) }.sorted()
        let candidates = Set(CaseSearchNumbers.containing(text, trustCodes: Self.codes))
        #expect(Self.stored.filter { candidates.contains($0) }.sorted() == expected, "\(text)")
    }

    @Test(arguments: [
        "si-2025-00183", "si-2025-0018345", "si-25-001834", "-2025-001834", "si-2025-001834-", "si 2025 001834",
        "SI-2025-001834", "si-2025", "mabthera", "st-olav-2025-001834", "si-2025-00183x", "si-２０２５-001834",
    ])
    func otherTextIsMatchedAsText(_ text: String) {
        #expect(!CaseSearchNumbers.isWholeNumber(text))
    }
}
