/// What the person at a step of the chain thinks of the application (SPEC §5.11), recorded on the transition that
/// sends the case on and shown to the medical director who decides.
public struct StepAssessment: Codable, Hashable, Sendable {
    /// The step's conclusion. Which kinds a step may give is in its `ChainStep.assessmentKinds`.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Department head, division director, committee: in favour.
        case recommendApproval = "recommend_approval"
        /// Department head, division director, committee: against. Not a refusal: only the medical director
        /// refuses, so the case goes on through the chain to the decision, with this in view.
        case recommendRefusal = "recommend_refusal"
        /// The patient's own trust's medical director: involved, with a comment (SPEC §5.7).
        case comment
        /// The patient's own trust's medical director: objects; the deciding director sees the objection.
        case objection

        /// Norwegian name shown to users.
        public var title: String {
            switch self {
            case .recommendApproval: "Anbefaler godkjenning"
            case .recommendRefusal: "Anbefaler avslag"
            case .comment: "Kommentar"
            case .objection: "Innsigelse"
            }
        }
    }

    public var kind: Kind
    /// The reasons, in the assessor's words: the department head's professional assessment, the division
    /// director's priority assessment, the committee's recommendation, the partner director's comment or
    /// objection. Required, except from the division director, whose `priority` states the reasons.
    public var text: String
    /// Committee: the people (ids) who took part in the recommendation, the one who records it first. Empty
    /// for the other steps.
    public var members: [String]
    /// Division director: benefit, resource use (cost) and severity (seed 001). Nil for the other steps.
    public var priority: PriorityAssessment?

    public init(kind: Kind, text: String, members: [String] = [], priority: PriorityAssessment? = nil) {
        self.kind = kind
        self.text = text
        self.members = members
        self.priority = priority
    }
}
