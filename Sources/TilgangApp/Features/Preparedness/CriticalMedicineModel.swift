import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

/// A medicine on the critical-medicine register; its version guards concurrent assessments.
final class CriticalMedicineModel: Model, @unchecked Sendable {
    static let schema = "prep_critical_medicines"

    @ID(key: .id) var id: UUID?
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "version") var version: Int
    @Field(key: "added_by") var addedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
