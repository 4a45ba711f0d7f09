import Testing

@testable import TilgangDomain

@Suite struct PlausibilityTests {
    @Test(arguments: ["ca. 60 000 kr per år", "60000", "kr 1 250 000", "inntil 100 000 000 kr", "ukjent"])
    func ordinaryCostsPass(text: String) {
        #expect(Plausibility.checkCost(text, field: "costEstimate") == nil)
    }

    @Test(arguments: ["-10", "− 100000000000000000000 kr", "100 000 001 kr", "–5 000"])
    func absurdCostsAreNamed(text: String) {
        #expect(Plausibility.checkCost(text, field: "costEstimate")?.field == "costEstimate")
    }

    @Test func durationsAreNotNegativeOrCenturies() {
        #expect(Plausibility.checkDuration("12 måneder", field: "d") == nil)
        #expect(Plausibility.checkDuration("2 år, deretter revurdering", field: "d") == nil)
        #expect(Plausibility.checkDuration("-5 år", field: "d") != nil)
        #expect(Plausibility.checkDuration("200 år", field: "d") != nil)
        #expect(Plausibility.checkDuration("2–3 år", field: "d") == nil, "a range is not a minus sign")
    }

    @Test func aLimitedGroupIsTwoToFiveHundred() {
        #expect(Plausibility.checkGroupSize(1, field: "g") != nil)
        #expect(Plausibility.checkGroupSize(2, field: "g") == nil)
        #expect(Plausibility.checkGroupSize(500, field: "g") == nil)
        #expect(Plausibility.checkGroupSize(1_000_000, field: "g") != nil)
        #expect(Plausibility.checkGroupSize(nil, field: "g") != nil)
    }

    @Test func datesFrom2000ToTwentyYearsAhead() {
        let today = CalendarDate(year: 2026, month: 11, day: 29)!
        #expect(Plausibility.checkDate(CalendarDate(year: 1899, month: 12, day: 1)!, today: today, field: "f") != nil)
        #expect(Plausibility.checkDate(CalendarDate(year: 9999, month: 1, day: 1)!, today: today, field: "f") != nil)
        #expect(Plausibility.checkDate(CalendarDate(year: 2000, month: 1, day: 1)!, today: today, field: "f") == nil)
        #expect(Plausibility.checkDate(CalendarDate(year: 2046, month: 12, day: 31)!, today: today, field: "f") == nil)
    }
}
