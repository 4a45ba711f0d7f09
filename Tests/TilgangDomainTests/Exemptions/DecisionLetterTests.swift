import Testing

@testable import TilgangDomain

@Suite struct DecisionLetterTests {
    static func facts(_ state: ExemptionState, reasons: String? = "Faglig forsvarlig; ingen alternativer.")
        -> DecisionLetter.Facts
    {
        DecisionLetter.Facts(
            reference: "DMP-2026-000012", state: state, decidedOn: CalendarDate(year: 2026, month: 12, day: 1),
            reasons: reasons, prescriberName: "Frode Fastlege", medicineName: "Bedrocan", indication: "G35",
            scope: .patient, species: "human", quantity: "5 g", validFrom: CalendarDate(year: 2026, month: 12, day: 1)!,
            validUntil: CalendarDate(year: 2027, month: 2, day: 28)!)
    }

    @Test func aRefusalCarriesItsReasonsTheAppealRightAndTheDeadlineThreeWeeksOn() throws {
        // when
        let letter = try #require(DecisionLetter.make(Self.facts(.refused, reasons: "Dokumentasjonen er for svak.")))
        // then
        #expect(!letter.approved)
        #expect(letter.reasons == "Dokumentasjonen er for svak.")
        #expect(letter.appealDeadline == CalendarDate(year: 2026, month: 12, day: 22))
        #expect(letter.appeal?.contains("22.12.2026") == true)
        #expect(
            letter.appeal?.contains("§ 29") == true && letter.appeal?.contains("Helse- og omsorgsdepartementet") == true
        )
    }

    @Test func anApprovalStatesScopePeriodAndQuantityAndHasNoAppeal() throws {
        let letter = try #require(DecisionLetter.make(Self.facts(.approved)))
        #expect(letter.approved && letter.appeal == nil && letter.appealDeadline == nil)
        let text = letter.decision.joined(separator: " ")
        #expect(text.contains("01.12.2026") && text.contains("28.02.2027") && text.contains("5 g"))
    }

    @Test(arguments: [ExemptionState.submitted, .underAssessment, .notified])
    func anUndecidedCaseHasNoLetter(state: ExemptionState) {
        #expect(DecisionLetter.make(Self.facts(state)) == nil)
    }
}
