import Fluent
import TilgangDomain

/// Checks every field and names each one that is wrong. Who applies decides the applicant kind: hospital users
/// are hospital specialists; outside prescribers say whether they are a GP, a dentist or a veterinarian.
struct ExemptionDraftValidator {
    static let hospitalApplicants: Set<Role> = [.physician, .departmentHead, .sectionChief]

    let catalogue: any CatalogueService

    /// `authorisation` is the applicant's (or, for a notification, the prescriber's) HPR register entry: the
    /// applicant's kind comes from it, never from the form (R11, R12).
    func validate(
        _ input: ExemptionInput, by user: AuthenticatedUser, hpr: String?, notification: Bool,
        authorisation: Authorisation? = nil, today: CalendarDate
    ) async throws -> ExemptionDraft {
        var errors: [FieldError] = []
        func required(_ value: String?, _ field: String) -> String {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty { errors.append(FieldError(field: field, message: "må fylles ut")) }
            return trimmed
        }
        let medicineID = required(input.medicineId, "medicineId")
        let medicine = medicineID.isEmpty ? nil : try await catalogue.medicine(id: medicineID)
        if !medicineID.isEmpty, medicine == nil {
            errors.append(FieldError(field: "medicineId", message: "finnes ikke i katalogen"))
        }
        let indication = required(input.indication, "indication")
        let justification = required(input.justification, "justification")
        let quantity = required(input.quantity, "quantity")
        let from = input.validFrom.flatMap(PathwayForm.date(fromUserInput:))
        let until = input.validUntil.flatMap(PathwayForm.date(fromUserInput:))
        errors += ExemptionValidity.check(from: from, until: until)
        for (date, field) in [(from, "validFrom"), (until, "validUntil")] {
            if let date, let implausible = Plausibility.checkDate(date, today: today, field: field) {
                errors.append(implausible)
            }
        }

        let kind = applicantKind(input, user: user, notification: notification, authorisation, &errors)
        let species = Patient.Species(rawValue: input.species ?? (kind == .veterinarian ? "animal" : "human"))
        if species == nil {
            errors.append(FieldError(field: "species", message: "velg menneske eller dyr (human eller animal)"))
        }
        let scope = ExemptionScope(rawValue: input.scope ?? "")
        switch scope {
        case nil: errors.append(FieldError(field: "scope", message: "velg pasient, praksis eller avdeling"))
        case .department where kind != .hospitalSpecialist || user.departmentCode == nil && !notification:
            errors.append(FieldError(field: "scope", message: "bare sykehusleger kan søke for en avdeling"))
        case .practice where kind == .hospitalSpecialist:
            errors.append(FieldError(field: "scope", message: "sykehusleger søker for pasient eller avdeling"))
        default: break
        }
        var patient: NationalIdentityNumber?
        var animal: String?
        let informedConsent = input.informedConsent ?? false
        if scope == .patient, species == .human {
            patient = NationalIdentityNumber(required(input.patientNIN, "patientNIN"))
            if patient == nil, !(input.patientNIN ?? "").isEmpty {
                errors.append(
                    FieldError(field: "patientNIN", message: "er ikke et gyldig fødselsnummer eller D-nummer"))
            }
            if !informedConsent {
                errors.append(FieldError(field: "informedConsent", message: "pasienten må ha gitt informert samtykke"))
            }
        } else if scope == .patient, species == .animal {
            animal = required(input.animal, "animal")
        }
        let prescriberName = notification ? required(input.prescriberName, "prescriberName") : user.displayName
        let prescriberHPR = notification ? HPRNumber(input.prescriberHPR ?? "")?.digits : hpr
        if notification, prescriberHPR == nil {
            errors.append(FieldError(field: "prescriberHPR", message: "oppgi et gyldig HPR-nummer (4–9 sifre)"))
        }
        var earlyPhase: EarlyPhaseDocumentation?
        let phases = input.studyPhases?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !phases.isEmpty || input.patientsStudied != nil {
            earlyPhase = EarlyPhaseDocumentation(studyPhases: phases, patientsStudied: input.patientsStudied)
        }
        if let studied = input.patientsStudied, studied < 0 {
            errors.append(FieldError(field: "patientsStudied", message: "kan ikke være negativt"))
        }
        guard errors.isEmpty, let medicine, let from, let until, let kind, let species, let scope else {
            throw ValidationFailure(errors.isEmpty ? [FieldError(field: "medicineId", message: "mangler")] : errors)
        }
        return ExemptionDraft(
            medicine: medicine, indication: indication, justification: justification, quantity: quantity,
            validFrom: from, validUntil: until, scope: scope, species: species,
            applicant: Applicant(kind: kind, setting: kind == .hospitalSpecialist ? .hospital : .primaryCare),
            patient: patient, animal: animal,
            departmentCode: scope == .department ? user.departmentCode : nil,
            fatalWithoutAlternatives: input.fatalWithoutAlternatives ?? false,
            eligibleForClinicalTrial: input.eligibleForClinicalTrial ?? false, informedConsent: informedConsent,
            earlyPhase: earlyPhase, prescriberName: prescriberName, prescriberHPR: prescriberHPR ?? "")
    }

    private func applicantKind(
        _ input: ExemptionInput, user: AuthenticatedUser, notification: Bool, _ authorisation: Authorisation?,
        _ errors: inout [FieldError]
    ) -> Applicant.Kind? {
        if !notification, Self.hospitalApplicants.contains(user.role) { return .hospitalSpecialist }
        if !notification {
            // An outside prescriber is what the HPR register says, whatever the form says.
            guard let authorisation else {
                errors.append(
                    FieldError(field: "prescriberHPR", message: "HPR-nummeret ditt finnes ikke i HPR-registeret"))
                return nil
            }
            return authorisation.outsideHospitalKind
        }
        guard let kind = Applicant.Kind(rawValue: input.applicantKind ?? "") else {
            errors.append(
                FieldError(
                    field: "applicantKind",
                    message: "velg " + Applicant.Kind.allCases.map(\.title).joined(separator: ", ")))
            return nil
        }
        if let authorisation, !authorisation.allows(kind) {
            errors.append(
                FieldError(
                    field: "applicantKind",
                    message: "forskriveren er \(authorisation.profession.rawValue) i HPR-registeret, ikke \(kind.title)"
                ))
            return nil
        }
        return kind
    }
}
