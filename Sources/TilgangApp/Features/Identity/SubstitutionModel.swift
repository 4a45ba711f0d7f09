import Fluent
import Foundation

/// A leader away names a substitute for a date range (inclusive); the substitute acts in the leader's role and
/// both names are recorded on every transition.
final class SubstitutionModel: Model, @unchecked Sendable {
    static let schema = "substitutions"

    @ID(key: .id) var id: UUID?
    @Field(key: "principal_id") var principalID: UUID
    @Field(key: "substitute_id") var substituteID: UUID
    /// `YYYY-MM-DD`, Europe/Oslo calendar days.
    @Field(key: "from_day") var fromDay: String
    @Field(key: "to_day") var toDay: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
