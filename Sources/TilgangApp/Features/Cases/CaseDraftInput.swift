import TilgangDomain
import Vapor

/// A new application as the form and the API send it. Every field is mandatory (seed 001); which ones depends
/// on `kind`: an individual application names the patient, a group application describes the group.
struct CaseDraftInput: Content {
    var kind: String?
    var patientNIN: String?
    /// The trust whose catchment area the patient lives in; defaults to the applicant's own.
    var patientTrust: String?
    var groupDescription: String?
    var groupSize: Int?
    var medicineId: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var alternatives: String?
    var expectedBenefit: String?
    var costEstimate: String?
    /// The patient has been told the application registers identifiable data (SPEC §5.1).
    var patientInformed: Bool?
    var helfoRefused: Bool?
    /// What was typed for the group size when it was not a whole number: kept so the form shows it again and the
    /// validator names the field, instead of the whole form failing to decode (a bare 400 that lost the input).
    var groupSizeTyped: String?

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        patientNIN = try c.decodeIfPresent(String.self, forKey: .patientNIN)
        patientTrust = try c.decodeIfPresent(String.self, forKey: .patientTrust)
        groupDescription = try c.decodeIfPresent(String.self, forKey: .groupDescription)
        if let number = try? c.decodeIfPresent(Int.self, forKey: .groupSize) {
            groupSize = number
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .groupSize) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int(trimmed) { groupSize = number } else if !trimmed.isEmpty { groupSizeTyped = text }
        }
        medicineId = try c.decodeIfPresent(String.self, forKey: .medicineId)
        indication = try c.decodeIfPresent(String.self, forKey: .indication)
        dosage = try c.decodeIfPresent(String.self, forKey: .dosage)
        treatmentDuration = try c.decodeIfPresent(String.self, forKey: .treatmentDuration)
        justification = try c.decodeIfPresent(String.self, forKey: .justification)
        alternatives = try c.decodeIfPresent(String.self, forKey: .alternatives)
        expectedBenefit = try c.decodeIfPresent(String.self, forKey: .expectedBenefit)
        costEstimate = try c.decodeIfPresent(String.self, forKey: .costEstimate)
        patientInformed = try? c.decodeIfPresent(Bool.self, forKey: .patientInformed)
        helfoRefused = try? c.decodeIfPresent(Bool.self, forKey: .helfoRefused)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, patientNIN, patientTrust, groupDescription, groupSize, medicineId, indication, dosage
        case treatmentDuration, justification, alternatives, expectedBenefit, costEstimate, patientInformed
        case helfoRefused, groupSizeTyped
    }
}
