import Foundation
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

    @Test func uuidsRoundTripAsFoundationWritesAndReadsThem() throws {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(TextFormat.uuidString(uuid) == uuid.uuidString)
            #expect(TextFormat.uuid(uuid.uuidString) == uuid)
            #expect(TextFormat.uuid(uuid.uuidString.lowercased()) == uuid)
        }
        let known = "00000000-0000-0000-0000-0000000000FF"
        #expect(TextFormat.uuid(known) == UUID(uuidString: known))
    }

    @Test func malformedUUIDsAreRefusedLikeFoundationDoes() {
        let good = "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"
        let bad = [
            "", "E621E1F8C36C495A93FC0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", good + "0",
            "E621E1F8-C36C-495A-93FC_0C247A3E6E5F", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F",
            "E621E1F8-C36C-495A-93FC-0C247A3E6E5Æ", "-E621E1F8C36C-495A-93FC-0C247A3E6E5F",
        ]
        for text in bad {
            #expect(TextFormat.uuid(text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "\(text)")
        }
        #expect(TextFormat.uuid(good) != nil)
    }

    /// `Date.ISO8601FormatStyle` is what `JSONEncoder`'s `.iso8601` strategy uses.
    @Test func datesAreWrittenAsTheISO8601FormatStyleWritesThem() {
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 86_399.999),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 1_795_595_441.9999), Date(timeIntervalSince1970: -86_401.5),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // 1900 to 2100, with fractions of a second.
            dates.append(
                Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
        }
        for date in dates {
            #expect(
                TextFormat.iso8601(date) == date.formatted(Date.ISO8601FormatStyle()), "\(date.timeIntervalSince1970)")
        }
    }
}
