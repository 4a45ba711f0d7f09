import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

/// Stock made in Norway during a shortage.
final class ProducedBatchModel: Model, @unchecked Sendable {
    static let schema = "prep_produced"

    @ID(key: .id) var id: UUID?
    @Field(key: "shortage_id") var shortageID: UUID
    @Field(key: "site") var site: String
    @Field(key: "batch") var batch: String
    @Field(key: "produced_on") var producedOn: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "remaining") var remaining: Int
    @Field(key: "version") var version: Int
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}
