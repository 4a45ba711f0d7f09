/// A shortage: its facts, the edit form, the ranked proposals, the forum's decisions and produced batches.
struct ShortageContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let shortage: ShortageDTO
    let form: ShortageFormValues
    let proposal: ProposalDTO
    let decisions: [ForumDecisionDTO]
    let produced: [ProducedBatchDTO]
    let siteNames: [String]
    /// The edit form's errors by field.
    let errors: [String: String]
    let decisionErrors: [String: String]
    let producedErrors: [String: String]
    /// What was typed into the decision and production forms, shown again after an error.
    let decisionForm: ForumDecisionInput
    let producedForm: ShortagePageController.ProducedForm
    let message: String?
}
