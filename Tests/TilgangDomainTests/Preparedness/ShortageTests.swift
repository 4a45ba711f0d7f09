import Testing

@testable import TilgangDomain

/// Shortages and the "past shortages" criterion they feed.
@Suite struct ShortageTests {
    static func shortage(_ start: String, end: String? = nil, medicine: String = "morfin") -> Shortage {
        Shortage(
            medicineId: medicine, start: Fixtures.date(start), cause: .supplyFailure,
            actualEnd: end.map(Fixtures.date))
    }

    @Test func activeFromItsStartUntilTheDaySupplyReturns() {
        let s = Self.shortage("2026-03-01", end: "2026-05-01")
        #expect(!s.isActive(on: Fixtures.date("2026-02-28")))
        #expect(s.isActive(on: Fixtures.date("2026-03-01")))
        #expect(s.isActive(on: Fixtures.date("2026-04-30")))
        #expect(!s.isActive(on: Fixtures.date("2026-05-01")))
        #expect(Self.shortage("2026-03-01").isActive(on: Fixtures.date("2030-01-01")))
    }

    @Test func endsBeforeTheStartAreRefused() {
        var s = Self.shortage("2026-03-01", end: "2026-02-01")
        s.expectedEnd = Fixtures.date("2026-01-01")
        #expect(s.validate().map(\.field) == ["expectedEnd", "actualEnd"])
    }

    @Test func pastShortagesCountTheLastTenYearsOfTheMedicine() {
        // given: 2014 is outside the window, another medicine does not count, a future one does not either
        let today = Fixtures.date("2026-11-25")
        let register = [
            Self.shortage("2014-06-01", end: "2017-01-01"), Self.shortage("2017-01-01", end: "2017-03-01"),
            Self.shortage("2022-02-01", end: "2022-04-01"), Self.shortage("2026-10-01"),
            Self.shortage("2027-01-01"), Self.shortage("2025-01-01", medicine: "annet"),
        ]
        // when
        let assessment = ShortageHistory.assessment(medicineId: "morfin", shortages: register, today: today)
        // then
        #expect(assessment.level == 3)
        #expect(assessment.evidence == "3 mangler registrert siden 25.11.2016")
        #expect(assessment.assessedBy == ShortageHistory.assessor)
        #expect(ShortageHistory.assessment(medicineId: "annet", shortages: register, today: today).level == 1)
        #expect(ShortageHistory.assessment(medicineId: "ingen", shortages: register, today: today).level == 0)
    }
}
