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
    /// Written for the manufacturer and checked for identity numbers, names, birth dates, phone numbers and
    /// addresses (`DeidentifiedText`); the manufacturer application's only free text.
    @OptionalField(key: "manufacturer_text") var manufacturerText: String?
    /// CUP: a `CUPState`; CUNP: `open` until treatment starts, then `started`.
    @Field(key: "state") var state: String
    /// CUNP: the `CUNPProgress` as JSON.
    @Field(key: "progress_json") var progressJSON: String
    /// CUP: the draft `CUPCostAgreement` the pharmacist entered, as JSON.
    @OptionalField(key: "cost_agreement_json") var costAgreementJSON: String?
    /// CUP: the level-2 leader's `CUPCostApproval` of that agreement, as JSON; cleared when the agreement changes.
    @OptionalField(key: "cost_approval_json") var costApprovalJSON: String?
    @Field(key: "pharmacy_costs_charged") var pharmacyCostsCharged: Bool
    /// 10 years, or 30 for advanced therapy (cell therapy).
    @Field(key: "retention_years") var retentionYears: Int
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
