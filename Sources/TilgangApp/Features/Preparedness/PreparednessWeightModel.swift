import Fluent

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

/// The weight of one criterion; a missing row means the documented default.
final class PreparednessWeightModel: Model, @unchecked Sendable {
    static let schema = "prep_weights"

    @ID(custom: "criterion", generatedBy: .user) var id: String?
    @Field(key: "weight") var weight: Int

    init() {}
}
