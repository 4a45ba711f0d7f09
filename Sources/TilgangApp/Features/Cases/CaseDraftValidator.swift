import Fluent
import TilgangDomain

/// Checks every field of a new application and names each one that is missing or wrong (seed 001: every
/// field is mandatory).
struct CaseDraftValidator {
    let database: any Database

    func validate(_ input: CaseDraftInput, applicantTrust: String) async throws -> CaseDraft {
        var errors: [FieldError] = []
        func required(_ value: String?, _ field: String) -> String {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty { errors.append(FieldError(field: field, message: "må fylles ut")) }
            return trimmed
        }
        let kind = input.kind ?? ""
        var patient: NationalIdentityNumber?
        var groupDescription: String?
        var groupSize: Int?
        switch kind {
        case "individual":
            let text = required(input.patientNIN, "patientNIN")
            if !text.isEmpty {
                patient = NationalIdentityNumber(text)
                if patient == nil {
                    errors.append(
                        FieldError(
                            field: "patientNIN", message: "er ikke et gyldig fødselsnummer eller D-nummer (11 siffer)"))
                }
            }
        case "group":
            groupDescription = required(input.groupDescription, "groupDescription")
            groupSize = input.groupSize
            if input.groupSizeTyped != nil {
                errors.append(FieldError(field: "groupSize", message: "må være et heltall, for eksempel 8"))
            } else if let error = Plausibility.checkGroupSize(groupSize, field: "groupSize") {
                errors.append(error)
            }
        default:
            errors.append(FieldError(field: "kind", message: "velg individual (enkeltpasient) eller group (gruppe)"))
        }
        let patientTrust = input.patientTrust?.isEmpty == false ? input.patientTrust! : applicantTrust
        if try await TrustModel.find(patientTrust, on: database) == nil {
            errors.append(FieldError(field: "patientTrust", message: "ukjent helseforetak «\(patientTrust)»"))
        }
        let medicineID = required(input.medicineId, "medicineId")
        var medicine: Medicine?
        if !medicineID.isEmpty {
            medicine = try await FluentCatalogueService(database: database).medicine(id: medicineID)
            if medicine == nil { errors.append(FieldError(field: "medicineId", message: "finnes ikke i katalogen")) }
        }
        let indication = required(input.indication, "indication").uppercased()
        if !indication.isEmpty && !Codes.isICD10(indication) {
            errors.append(FieldError(field: "indication", message: "«\(indication)» er ikke en ICD-10-kode"))
        }
        let dosage = required(input.dosage, "dosage")
        let duration = required(input.treatmentDuration, "treatmentDuration")
        let justification = required(input.justification, "justification")
        let alternatives = required(input.alternatives, "alternatives")
        let benefit = required(input.expectedBenefit, "expectedBenefit")
        let cost = required(input.costEstimate, "costEstimate")
        if let error = Plausibility.checkCost(cost, field: "costEstimate") { errors.append(error) }
        if let error = Plausibility.checkDuration(duration, field: "treatmentDuration") { errors.append(error) }
        if input.patientInformed != true {
            errors.append(
                FieldError(
                    field: "patientInformed",
                    message: "pasienten må være informert om at søknaden registrerer identifiserbare opplysninger"))
        }
        guard errors.isEmpty, let medicine else { throw ValidationFailure(errors) }
        return CaseDraft(
            kind: kind, patient: patient, patientTrust: patientTrust, groupDescription: groupDescription,
            groupSize: groupSize, medicine: medicine, indication: indication, dosage: dosage,
            treatmentDuration: duration, justification: justification, alternatives: alternatives,
            expectedBenefit: benefit, costEstimate: cost, helfoRefused: input.helfoRefused ?? false)
    }
}
