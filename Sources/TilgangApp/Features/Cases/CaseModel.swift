import Fluent
import Foundation

/// An application to the trust for treatment outside the approved indication (SPEC §5). Holds patient data:
/// read it only through `CaseService`, which checks access and writes the audit log.
final class CaseModel: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// `SI-2026-000123`: unique per trust and year.
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "applicant_id") var applicantID: UUID
    @Field(key: "applicant_hpr") var applicantHPR: String
    /// `individual` or `group`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "patient_nin") var patientNIN: String?
    /// Keyed hash of the identity number, so the audit log can be searched by patient without holding the number.
    @OptionalField(key: "patient_key") var patientKey: String?
    @Field(key: "patient_trust_code") var patientTrustCode: String
    @OptionalField(key: "group_description") var groupDescription: String?
    @OptionalField(key: "group_size") var groupSize: Int?
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "medicine_name") var medicineName: String
    @Field(key: "indication") var indication: String
    @Field(key: "dosage") var dosage: String
    @Field(key: "treatment_duration") var treatmentDuration: String
    @Field(key: "justification") var justification: String
    @Field(key: "alternatives") var alternatives: String
    @Field(key: "expected_benefit") var expectedBenefit: String
    @Field(key: "cost_estimate") var costEstimate: String
    @Field(key: "patient_informed") var patientInformed: Bool
    @Field(key: "route") var route: String
    @Field(key: "route_rules") var routeRules: String
    @Field(key: "route_explanation") var routeExplanation: String
    @Field(key: "state") var state: String
    @Field(key: "chain_version") var chainVersion: Int
    /// Optimistic lock: every change adds one; a change based on an older version is refused (409).
    @Field(key: "version") var version: Int
    /// 10 years after the decision (seed 001), 30 for advanced therapy (seed 000).
    @Field(key: "retention_years") var retentionYears: Int
    /// When retention removed the patient data.
    @OptionalField(key: "purged_at") var purgedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    /// The refused case this application revises (a new, linked application).
    @OptionalField(key: "revises_case_id") var revisesCaseID: UUID?
    /// The applicant's name when they applied, for the work lists.
    @OptionalField(key: "applicant_name") var applicantName: String?
    /// When the case last changed state: the work lists' «venter siden».
    @OptionalField(key: "state_changed_at") var stateChangedAt: Date?
    /// The patient's birth year, the work lists' masked patient (never the identity number).
    @OptionalField(key: "patient_birth_year") var patientBirthYear: Int?

    init() {}
}
