import Fluent
import Foundation

/// One person's notice that a case reached a step: the case number, what happened and when, nothing from the
/// application itself. Read when the person opens the case.
final class NoticeModel: Model, @unchecked Sendable {
    static let schema = "notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "case_number") var caseNumber: String
    /// The case's version after the step: while the case still has it, the step is still the one announced.
    @Field(key: "case_version") var caseVersion: Int
    /// `CaseState` the case went to.
    @Field(key: "state") var state: String
    /// `CaseEvent`.
    @Field(key: "event") var event: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(
        userID: UUID, caseID: UUID, caseNumber: String, caseVersion: Int, state: String, event: String,
        createdAt: Date
    ) {
        self.id = UUID()
        self.userID = userID
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.caseVersion = caseVersion
        self.state = state
        self.event = event
        self.createdAt = createdAt
    }
}
