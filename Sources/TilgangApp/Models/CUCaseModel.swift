import Fluent
import Foundation

/// A compassionate-use case in a trust (SPEC §7): a CUP requisition or a CUNP case with its gates. Holds patient
/// data: read it only through `CompassionateUseService`.
final class CUCaseModel: Model, @unchecked Sendable {
    static let schema = "cu_cases"

    @ID(key: .id) var id: UUID?
    /// `CU-SI-2026-000004`.
    @Field(key: "reference") var reference: String
    /// `cup` or `cunp`.
    @Field(key: "kind") var kind: String
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "requester_id") var requesterID: UUID
    @Field(key: "requester_name") var requesterName: String
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "medicine_name") var medicineName: String
    @OptionalField(key: "patient_nin") var patientNIN: String?
    @OptionalField(key: "patient_key") var patientKey: String?
    @Field(key: "indication") var indication: String
    @Field(key: "dosage") var dosage: String
    @Field(key: "treatment_duration") var treatmentDuration: String
    @Field(key: "justification") var justification: String
    /// CUP: a `CUPState`; CUNP: `open` until treatment starts, then `started`.
    @Field(key: "state") var state: String
    /// CUNP: the `CUNPProgress` as JSON.
    @Field(key: "progress_json") var progressJSON: String
    @Field(key: "pharmacy_costs_charged") var pharmacyCostsCharged: Bool
    /// 10 years, or 30 for advanced therapy (cell therapy).
    @Field(key: "retention_years") var retentionYears: Int
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One recorded step of a compassionate-use case.
final class CUEventModel: Model, @unchecked Sendable {
    static let schema = "cu_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "action") var action: String
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @OptionalField(key: "comment") var comment: String?
    @Timestamp(key: "at", on: .create) var at: Date?

    init() {}
}

/// A reported departure from the procedure, listed for the trust.
final class DeviationModel: Model, @unchecked Sendable {
    static let schema = "deviations"

    @ID(key: .id) var id: UUID?
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "reported_by_id") var reportedByID: UUID
    @Field(key: "reported_by_name") var reportedByName: String
    @Field(key: "category") var category: String
    @Field(key: "description") var description: String
    @OptionalField(key: "case_reference") var caseReference: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Compassionate-use cases, their events and the deviation log (issue 4).
struct CreateCompassionateUse: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CUCaseModel.schema)
            .id()
            .field("reference", .string, .required)
            .field("kind", .string, .required)
            .field("trust_code", .string, .required)
            .field("department_code", .string, .required)
            .field("requester_id", .uuid, .required)
            .field("requester_name", .string, .required)
            .field("medicine_id", .string, .required)
            .field("medicine_name", .string, .required)
            .field("patient_nin", .string)
            .field("patient_key", .string)
            .field("indication", .string, .required)
            .field("dosage", .string, .required)
            .field("treatment_duration", .string, .required)
            .field("justification", .string, .required)
            .field("state", .string, .required)
            .field("progress_json", .string, .required)
            .field("pharmacy_costs_charged", .bool, .required)
            .field("retention_years", .int, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(CUEventModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CUCaseModel.schema, "id"))
            .field("position", .int, .required)
            .field("action", .string, .required)
            .field("actor_id", .uuid, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("comment", .string)
            .field("at", .datetime)
            .unique(on: "case_id", "position")
            .create()
        try await database.schema(DeviationModel.schema)
            .id()
            .field("trust_code", .string, .required)
            .field("reported_by_id", .uuid, .required)
            .field("reported_by_name", .string, .required)
            .field("category", .string, .required)
            .field("description", .string, .required)
            .field("case_reference", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DeviationModel.schema).delete()
        try await database.schema(CUEventModel.schema).delete()
        try await database.schema(CUCaseModel.schema).delete()
    }
}
