import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

/// One criterion's level for one medicine on the register.
final class CriterionAssessmentModel: Model, @unchecked Sendable {
    static let schema = "prep_assessments"

    @ID(key: .id) var id: UUID?
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "criterion") var criterion: String
    @Field(key: "level") var level: Int
    @Field(key: "evidence") var evidence: String
    @Field(key: "assessed_by") var assessedBy: String
    @Field(key: "assessed_on") var assessedOn: String

    init() {}
}
