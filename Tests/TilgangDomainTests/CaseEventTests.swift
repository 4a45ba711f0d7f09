import Testing

@testable import TilgangDomain

/// What a notice says happened: by where the case went first (a decision, a withdrawal, a return), then by the
/// action (a submission, a supplement); every other step moved the case on.
@Suite struct CaseEventTests {
    @Test(arguments: [
        ("submit", CaseState.departmentReview, CaseEvent.submitted),
        ("quality_assure", .divisionReview, .movedOn),
        ("assess_priority", .committeeReview, .movedOn),
        ("recommend", .partnerDirectorReview, .movedOn),
        ("partner_director_concur", .directorDecision, .movedOn),
        ("assess", .committeeReview, .movedOn),
        ("request_supplement", .supplementRequested, .supplementRequested),
        ("supply_supplement", .committeeReview, .supplementSupplied),
        ("return_to_applicant", .returned, .returned),
        ("approve", .approved, .approved),
        ("refuse", .refused, .refused),
        ("withdraw", .withdrawn, .withdrawn),
    ])
    func eachStepIsNamed(action: String, to state: CaseState, expected: CaseEvent) {
        #expect(CaseEvent(action: action, to: state) == expected)
    }

    @Test func onlyApprovalAndRefusalAreDecisionsAndEveryEventHasANorwegianTitle() {
        #expect(CaseEvent.allCases.filter(\.isDecision) == [.approved, .refused])
        let titles = CaseEvent.allCases.map(\.title)
        #expect(Set(titles).count == CaseEvent.allCases.count)
        #expect(
            titles.allSatisfy {
                $0.hasPrefix("Søknaden") || $0.hasPrefix("Saken") || $0.hasPrefix("Til") || $0.hasPrefix("Vurderings")
            })
    }
}
