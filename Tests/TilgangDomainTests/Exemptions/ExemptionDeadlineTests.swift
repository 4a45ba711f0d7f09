import Foundation
import Testing

@testable import TilgangDomain

/// The agency desk's deadline for an approval-exemption application (SPEC §6): 3 working days electronic,
/// 14 calendar days on paper, counted from the day after receipt.
@Suite struct ExemptionDeadlineTests {
    static func date(_ iso: String) -> CalendarDate { Fixtures.date(iso) }

    // MARK: - Electronic: 3 working days

    @Test(arguments: [
        // a plain week, and receipt on Friday, Saturday and Sunday
        ("2026-11-23", "2026-11-26"), ("2026-11-20", "2026-11-25"), ("2026-11-21", "2026-11-25"),
        ("2026-11-22", "2026-11-25"),
        // Easter 2026: Maundy Thursday 2 April to Easter Monday 6 April
        ("2026-03-31", "2026-04-08"), ("2026-04-01", "2026-04-09"), ("2026-04-03", "2026-04-09"),
        // Christmas 2025 (Christmas Eve is a working day) and New Year 2026
        ("2025-12-23", "2025-12-30"), ("2025-12-29", "2026-01-02"), ("2025-12-24", "2025-12-31"),
        // 17 May: on a Sunday (2026, with Ascension Day on the 14th), on a Monday that is also Whit Monday
        // (2027), on a Friday before Whit Sunday and Monday (2024)
        ("2026-05-13", "2026-05-19"), ("2027-05-14", "2027-05-20"), ("2024-05-16", "2024-05-23"),
    ])
    func electronicDeadlineIsTheThirdWorkingDayAfterReceipt(received: String, expected: String) {
        // given
        let day = Self.date(received)
        // when
        let deadline = ExemptionDeadline(received: day, channel: .electronic)
        // then
        #expect(deadline.lastDay == Self.date(expected))
        #expect(WorkingDayCalendar.workingDays(from: day, to: deadline.lastDay) == 3)
        #expect(WorkingDayCalendar.isWorkingDay(deadline.lastDay))
    }

    // MARK: - Paper: 14 calendar days

    @Test(arguments: [
        // over Easter 2026: holidays do not lengthen it
        ("2026-03-31", "2026-04-14"),
        // ends on Boxing Day 2026, a Saturday, and on New Year's Day 2026: not moved
        ("2026-12-12", "2026-12-26"), ("2025-12-18", "2026-01-01"),
        // across a year end and onto a leap day
        ("2026-12-25", "2027-01-08"), ("2024-02-15", "2024-02-29"),
        // over 17 May and Whit Monday 2027
        ("2027-05-10", "2027-05-24"),
    ])
    func paperDeadlineIsFourteenCalendarDaysAfterReceipt(received: String, expected: String) {
        // given
        let day = Self.date(received)
        // when
        let deadline = ExemptionDeadline(received: day, channel: .paper)
        // then
        #expect(deadline.lastDay == Self.date(expected))
        #expect(day.days(until: deadline.lastDay) == 14)
    }

    @Test func paperTakesLongerThanElectronicFromTheSameDay() {
        // given
        let received = Self.date("2026-11-23")
        // when
        let electronic = ExemptionDeadline(received: received, channel: .electronic)
        let paper = ExemptionDeadline(received: received, channel: .paper)
        // then
        #expect(electronic.lastDay == Self.date("2026-11-26"))
        #expect(paper.lastDay == Self.date("2026-12-07"))
        #expect(electronic.received == received && electronic.channel == .electronic)
    }

    @Test(arguments: ExemptionDeadline.Channel.allCases)
    func aDeadlineBeyondTheCalendarStopsOnItsLastDay(channel: ExemptionDeadline.Channel) {
        // given
        let received = Self.date("9999-12-30")
        // when
        let deadline = ExemptionDeadline(received: received, channel: channel)
        // then
        #expect(deadline.lastDay == Self.date("9999-12-31"))
    }

    // MARK: - Overdue

    @Test(arguments: [
        ("2026-03-30", false), ("2026-03-31", false), ("2026-04-07", false), ("2026-04-08", false),
        ("2026-04-09", true), ("2027-01-01", true),
    ])
    func overdueFromTheDayAfterTheLastDay(today: String, expected: Bool) {
        // given: received electronically on Tuesday before Easter 2026, last day Wednesday 8 April
        let deadline = ExemptionDeadline(received: Self.date("2026-03-31"), channel: .electronic)
        // when
        let overdue = deadline.isOverdue(today: Self.date(today))
        // then
        #expect(overdue == expected)
    }

    @Test func paperOverdueCountsWeekendsAndHolidays() {
        // given: received 12 December 2026, last day Boxing Day
        let deadline = ExemptionDeadline(received: Self.date("2026-12-12"), channel: .paper)
        // when
        let onBoxingDay = deadline.isOverdue(today: Self.date("2026-12-26"))
        let onSunday = deadline.isOverdue(today: Self.date("2026-12-27"))
        // then
        #expect(!onBoxingDay)
        #expect(onSunday)
    }

    @Test func channelsAreStoredByTheirEnglishNames() {
        // given
        let channels = ExemptionDeadline.Channel.allCases
        // when
        let raw = channels.map(\.rawValue)
        // then
        #expect(raw == ["electronic", "paper"])
    }
}

/// The figures and the channels against the project's own documents in `../shared` beside the repository.
/// A bare clone has no `../shared`; there these tests are skipped, not failed.
@Suite struct ExemptionDeadlineSeedFacts {
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Exemptions
        .deletingLastPathComponent()  // TilgangDomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .deletingLastPathComponent()  // beside it
        .appendingPathComponent("shared")

    static var available: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("SPEC.md").path)
    }

    /// The document's text with every run of whitespace (line ends included) made one space.
    static func text(_ path: String) throws -> String {
        let raw = try String(contentsOf: shared.appendingPathComponent(path), encoding: .utf8)
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(.enabled(if: available, "needs ../shared/SPEC.md"))
    func figuresAreTheOnesSPECSection6States() throws {
        // given
        let spec = try Self.text("SPEC.md")
        let sentence = try Regex(
            #"decides electronic applications within (\d+) working days and paper ones within (\d+) days"#)
        // when
        let match = try #require(spec.firstMatch(of: sentence))
        let workingDays = Int(try #require(match.output[1].substring))
        let days = Int(try #require(match.output[2].substring))
        // then
        #expect(workingDays == ExemptionDeadline.electronicWorkingDays)
        #expect(days == ExemptionDeadline.paperCalendarDays)
    }

    @Test(.enabled(if: available, "needs ../shared/seeds"))
    func channelsAreTheOnesTheSeedsName() throws {
        // given
        let seed000 = try Self.text("seeds/000_40a7cccbcf723aa7.txt")
        let seed004 = try Self.text("seeds/004_fcaed5ba9eb3a9ff.txt")
        // when
        let electronic = seed000.contains("Elektronisk søknad kan sendes via e-resept")
        let paper = seed004.contains("papirsøknader som er notifisert i apotek")
        // then
        #expect(electronic)
        #expect(paper)
    }

    /// `ExemptionDeadline`'s comment says the seeds leave the counting to us; should a seed ever state the
    /// working-day rule, this fails so that the reading (day 0, calendar days) is checked against it.
    @Test(.enabled(if: available, "needs ../shared/seeds"))
    func seeds002And004DoNotStateTheDeadlines() throws {
        // given
        let seeds = try ["seeds/002_a246ab136df0bfdd.txt", "seeds/004_fcaed5ba9eb3a9ff.txt"].map(Self.text)
        // when
        let stating = seeds.filter { $0.localizedCaseInsensitiveContains("virkedag") || $0.contains("14 dager") }
        // then
        #expect(stating.isEmpty)
    }
}
