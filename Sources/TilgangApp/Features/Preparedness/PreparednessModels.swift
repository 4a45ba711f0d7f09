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

/// The weight of one criterion; a missing row means the documented default.
final class PreparednessWeightModel: Model, @unchecked Sendable {
    static let schema = "prep_weights"

    @ID(custom: "criterion", generatedBy: .user) var id: String?
    @Field(key: "weight") var weight: Int

    init() {}
}

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

final class ProductionSiteModel: Model, @unchecked Sendable {
    static let schema = "prep_sites"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "organisation") var organisation: String
    /// Separated by `;`, as in the import file.
    @Field(key: "locations") var locations: String
    @Field(key: "kind") var kind: String
    @Field(key: "licence") var licence: String
    @Field(key: "sterile") var sterile: Bool
    @Field(key: "non_sterile") var nonSterile: Bool
    @Field(key: "dosage_forms") var dosageForms: String
    @Field(key: "technology") var technology: String
    @Field(key: "capacity_note") var capacityNote: String
    @Field(key: "spare_capacity") var spareCapacity: String
    @Field(key: "version") var version: Int
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

final class StockItemModel: Model, @unchecked Sendable {
    static let schema = "prep_stock"

    @ID(key: .id) var id: UUID?
    @Field(key: "holder") var holder: String
    @Field(key: "material") var material: String
    @Field(key: "name") var name: String
    @OptionalField(key: "atc") var atc: String?
    @Field(key: "quantity") var quantity: Double
    @Field(key: "unit") var unit: String
    @Field(key: "batch") var batch: String
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

final class ForumDecisionModel: Model, @unchecked Sendable {
    static let schema = "prep_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "medicine_id") var medicineID: String
    @OptionalField(key: "shortage_id") var shortageID: UUID?
    @Field(key: "site") var site: String
    @OptionalField(key: "quantity") var quantity: String?
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "note") var note: String
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

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
