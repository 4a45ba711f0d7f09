import Testing

@testable import TilgangDomain

@Suite struct TextFormatTests {
    @Test func zeroPaddingFillsToTheWidthAndNeverCuts() {
        #expect(TextFormat.zeroPadded(7, width: 2) == "07")
        #expect(TextFormat.zeroPadded(2026, width: 4) == "2026")
        #expect(TextFormat.zeroPadded(123, width: 6) == "000123")
        #expect(TextFormat.zeroPadded(1_234_567, width: 6) == "1234567")
        #expect(TextFormat.zeroPadded(0, width: 3) == "000")
        #expect(TextFormat.zeroPadded(-5, width: 3) == "-005")
    }

    @Test func hexIsTwoLowerCaseDigitsPerByte() {
        #expect(TextFormat.hex([]) == "")
        #expect(TextFormat.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }

    @Test func datesKeepTheirFormats() throws {
        let day = try #require(CalendarDate(year: 5, month: 3, day: 9))
        #expect(day.iso == "0005-03-09")
        #expect(day.norwegian == "09.03.0005")
        #expect(CalendarDate(year: 2026, month: 11, day: 25)?.norwegian == "25.11.2026")
    }
}
