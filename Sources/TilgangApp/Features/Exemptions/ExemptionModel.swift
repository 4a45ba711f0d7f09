import Fluent
import Foundation

/// An approval-exemption application to the agency (R8) or a pharmacy's notification (R7). Holds patient data:
/// read it only through `ExemptionService`, which checks access and writes the audit log.
final class ExemptionModel: Model, @unchecked Sendable {
    static let schema = "exemptions"

    @ID(key: .id) var id: UUID?
    /// `DMP-2026-000012` for applications, `NOT-2026-000003` for notifications; unique.
    @Field(key: "reference") var reference: String
    /// `ExemptionKind`: `agency_application` or `notification`.
    @Field(key: "kind") var kind: String
    @Field(key: "state") var state: String
    @Field(key: "version") var version: Int
    /// Who submitted it (the applicant) or recorded it (the pharmacist, for a notification).
    @Field(key: "submitted_by_id") var submittedByID: UUID
    @Field(key: "submitted_by_organisation") var submittedByOrganisation: String
    @Field(key: "prescriber_name") var prescriberName: String
    @Field(key: "prescriber_hpr") var prescriberHPR: String
    /// `Applicant.Kind` raw value.
    @Field(key: "applicant_kind") var applicantKind: String
    @Field(key: "species") var species: String
    /// `ExemptionScope`: patient, practice or department.
    @Field(key: "scope") var scope: String
    @OptionalField(key: "patient_nin") var patientNIN: String?
    @OptionalField(key: "patient_key") var patientKey: String?
    @OptionalField(key: "animal") var animal: String?
    @OptionalField(key: "department_code") var departmentCode: String?
    @Field(key: "medicine_id") var medicineID: String
    @Field(key: "medicine_name") var medicineName: String
    @Field(key: "indication") var indication: String
    @Field(key: "justification") var justification: String
    @Field(key: "quantity") var quantity: String
    /// `YYYY-MM-DD`, inclusive; at most one year.
    @Field(key: "valid_from") var validFrom: String
    @Field(key: "valid_until") var validUntil: String
    @Field(key: "fatal_without_alternatives") var fatalWithoutAlternatives: Bool
    @Field(key: "eligible_for_clinical_trial") var eligibleForClinicalTrial: Bool
    @Field(key: "informed_consent") var informedConsent: Bool
    @OptionalField(key: "study_phases") var studyPhases: String?
    @OptionalField(key: "patients_studied") var patientsStudied: Int?
    @Field(key: "route") var route: String
    @Field(key: "route_rules") var routeRules: String
    @Field(key: "warnings") var warnings: String
    /// Set when prefilled from an approved trust case; the agency never sees the trust's deliberations.
    @OptionalField(key: "source_case_id") var sourceCaseID: UUID?
    @OptionalField(key: "assessment_json") var assessmentJSON: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "decision_reasons") var decisionReasons: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
