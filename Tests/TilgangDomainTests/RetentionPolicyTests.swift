import Testing

@testable import TilgangDomain

/// `RetentionPolicy`: when patient data must go (10 years, 30 for cell and gene therapy), and the bound retention
/// uses to read only the records that can be due.
@Suite struct RetentionPolicyTests {
    private func day(_ iso: String) throws -> CalendarDate { try #require(CalendarDate(iso: iso)) }

    @Test func aCaseIsDueOnItsTenthAnniversaryAndNotTheDayBefore() throws {
        // given
        let decided = try day("2025-06-15")
        // when
        let before = RetentionPolicy.isDue(decided: decided, years: 10, today: try day("2035-06-14"))
        let on = RetentionPolicy.isDue(decided: decided, years: 10, today: try day("2035-06-15"))
        // then
        #expect(!before)
        #expect(on)
    }

    @Test func aDecisionOnTheTwentyNinthOfFebruaryIsDueOnTheTwentyEighth() throws {
        // given
        let decided = try day("2024-02-29")
        // when
        let early = RetentionPolicy.isDue(decided: decided, years: 10, today: try day("2034-02-27"))
        let due = RetentionPolicy.isDue(decided: decided, years: 10, today: try day("2034-02-28"))
        // then
        #expect(!early)
        #expect(due)
    }

    @Test func cellAndGeneTherapyKeepsThirtyYears() throws {
        // given
        let years = (RetentionPolicy.years(forATC: "L01XL03"), RetentionPolicy.years(forATC: "L01FA01"))
        // when
        let decided = try day("2025-01-10")
        // then
        #expect(years == (30, 10))
        #expect(!RetentionPolicy.isDue(decided: decided, years: years.0, today: try day("2054-12-31")))
        #expect(RetentionPolicy.isDue(decided: decided, years: years.0, today: try day("2055-01-10")))
    }

    /// Retention reads only records decided by `latestPossiblyDue(today:)`: a due record after it would keep its
    /// patient data. Every `today` over four years (two 29 Februaries) against every decision day around ten and
    /// thirty years back.
    @Test func everyDueDecisionIsOnOrBeforeTheLatestPossiblyDueDay() throws {
        // given
        let first = try day("2033-01-01")
        var checked = 0
        for offset in 0..<(4 * 366) {
            let today = try #require(first.addingDays(offset))
            let latest = RetentionPolicy.latestPossiblyDue(today: today)
            for years in [RetentionPolicy.standardYears, RetentionPolicy.advancedTherapyYears] {
                let around = try #require(
                    CalendarDate(year: today.year - years, month: today.month, day: min(today.day, 28)))
                for shift in -5...5 {
                    let decided = try #require(around.addingDays(shift))
                    // when
                    let due = RetentionPolicy.isDue(decided: decided, years: years, today: today)
                    // then
                    if due { #expect(decided <= latest, "decided \(decided) due on \(today) but after \(latest)") }
                    checked += 1
                }
            }
            // and the bound is tight: at most a day after the last ten-year decision that is due
            let lastDue = try #require(latest.addingDays(-1))
            let lastDueOrLeapDay = try #require(latest.addingDays(-2))
            #expect(
                RetentionPolicy.isDue(decided: lastDue, years: 10, today: today)
                    || RetentionPolicy.isDue(decided: lastDueOrLeapDay, years: 10, today: today))
        }
        #expect(checked == 4 * 366 * 2 * 11)
    }
}
