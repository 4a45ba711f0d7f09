/// The engine's answer (issue contract): the route, what must be applied for, and why.
public struct RouteDecision: Codable, Hashable, Sendable {
    public struct RuleReference: Codable, Hashable, Sendable {
        public let id: RuleID
        public let title: String
        public let source: String
    }

    public let route: Route
    public let agencyApplication: AgencyApplication
    /// Whether the trust's approval chain (SPEC §5) must approve before treatment.
    public let trustApproval: Bool
    /// Whether this applicant may apply for the route at all (R11, R12).
    public let applicantMayApply: Bool
    /// Rule ids that fired, in rule order.
    public let rules: [RuleID]
    /// The same rules with title and source, for people reading the answer.
    public let ruleDetails: [RuleReference]
    public let explanation: String
    public let nextSteps: [String]
    /// The route's Norwegian name.
    public let routeTitle: String

    public init(
        route: Route, agencyApplication: AgencyApplication, trustApproval: Bool, applicantMayApply: Bool,
        rules: Set<RuleID>, explanation: String, nextSteps: [String]
    ) {
        self.route = route
        self.agencyApplication = agencyApplication
        self.trustApproval = trustApproval
        self.applicantMayApply = applicantMayApply
        self.rules = rules.sorted()
        self.ruleDetails = self.rules.map { RuleReference(id: $0, title: $0.title, source: $0.source) }
        self.explanation = explanation
        self.nextSteps = nextSteps
        self.routeTitle = route.title
    }
}
