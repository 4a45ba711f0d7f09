import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

final class ShortageModel: Model, @unchecked Sendable {
    static let schema = "prep_shortages"

    @ID(key: .id) var id: UUID?
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "start") var start: String
    @Field(key: "cause") var cause: String
    @OptionalField(key: "expected_end") var expectedEnd: String?
    @OptionalField(key: "actual_end") var actualEnd: String?
    /// Separated by `;`.
    @Field(key: "affected_products") var affectedProducts: String
    /// `Shortage.Measure` raw values separated by `,`.
    @Field(key: "measures") var measures: String
    @Field(key: "note") var note: String
    @Field(key: "version") var version: Int
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
