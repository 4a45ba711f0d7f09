/// The decision as the page shows it.
struct DecisionView: Encodable {
    struct Rule: Encodable {
        let id: String
        let title: String
        let source: String
    }

    let route: String
    let routeTitle: String
    let agencyApplication: String
    let trustApproval: String
    let applicantMayApply: String
    let mayApply: Bool
    let rules: [Rule]
    let explanation: String
    let nextSteps: [String]
}
