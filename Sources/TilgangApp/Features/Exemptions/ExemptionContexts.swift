import Foundation
import TilgangDomain
import Vapor

/// The exemption form as the browser sends it: text only, so an empty number field is "not given", not an error.
struct ExemptionForm: Content {
    var medicineId: String?
    var indication: String?
    var justification: String?
    var quantity: String?
    var validFrom: String?
    var validUntil: String?
    var scope: String?
    var species: String?
    var applicantKind: String?
    var patientNIN: String?
    var animal: String?
    var fatalWithoutAlternatives: String?
    var eligibleForClinicalTrial: String?
    var informedConsent: String?
    var studyPhases: String?
    var patientsStudied: String?
    var prescriberName: String?
    var prescriberHPR: String?
    var fromCaseId: String?

    func input() throws -> ExemptionInput {
        func given(_ value: String?) -> String? { (value ?? "").isEmpty ? nil : value }
        let studied = given(patientsStudied)
        if let studied, Int(studied) == nil {
            throw ValidationFailure(field: "patientsStudied", message: "oppgi et helt tall")
        }
        return ExemptionInput(
            medicineId: given(medicineId), indication: given(indication), justification: given(justification),
            quantity: given(quantity), validFrom: validFrom, validUntil: validUntil, scope: given(scope),
            species: given(species), applicantKind: given(applicantKind), patientNIN: given(patientNIN),
            animal: given(animal), fatalWithoutAlternatives: fatalWithoutAlternatives == "true",
            eligibleForClinicalTrial: eligibleForClinicalTrial == "true",
            informedConsent: fromCaseId != nil && informedConsent == nil ? nil : informedConsent == "true",
            studyPhases: studyPhases, patientsStudied: studied.flatMap { Int($0) }, prescriberName: prescriberName,
            prescriberHPR: prescriberHPR, fromCaseId: given(fromCaseId).flatMap(UUID.init(uuidString:)))
    }
}

struct ExemptionFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let form: ExemptionForm
    let notification: Bool
    let hospitalApplicant: Bool
    /// An outside prescriber applies as what the HPR register says («allmennlege»); nil when not registered.
    let registeredAs: String?
    let medicines: [SelectOption]
    let applicantKinds: [SelectOption]
    let scopes: [SelectOption]
    let errors: [String: String]
    let hasErrors: Bool
}

struct ExemptionRowView: Encodable {
    let id: String
    let reference: String
    let kind: String
    let stateTitle: String
    let medicineName: String
    let prescriberName: String
    let period: String
    let validity: String
    let expiring: Bool
    /// «DD.MM.ÅÅÅÅ» or empty for notifications.
    let received: String
    let deadline: String
    let overdue: Bool

    init(_ dto: ExemptionSummaryDTO) {
        received = dto.receivedOn?.norwegian ?? ""
        deadline = dto.deadline?.norwegian ?? ""
        overdue = dto.overdue
        id = dto.id.uuidString
        reference = dto.reference
        kind = dto.kind == ExemptionKind.notification.rawValue ? "Notifisering" : "Søknad"
        stateTitle = dto.stateTitle
        medicineName = dto.medicineName
        prescriberName = dto.prescriberName
        period = "\(dto.validFrom.norwegian)–\(dto.validUntil.norwegian)"
        validity = ExemptionDetailContext.validityTitle(dto.validity)
        expiring = dto.validity == ExemptionValidity.Status.expiringSoon.rawValue
    }
}

struct ExemptionListContext: Encodable {
    let title: String
    let currentUser: UserView
    let tabs: [CaseListContext.Tab]
    let rows: [ExemptionRowView]
    let mayApply: Bool
    let mayNotify: Bool
    let counts: ExemptionCountsDTO?

    /// The desk's search form, as typed.
    struct Search: Encodable {
        let list: String
        let q: String
        let status: String
        let from: String
        let to: String
        let overdue: Bool
    }

    let search: Search
    let states: [SelectOption]
    let searchError: String?
    /// The agency's officers get the search and the CSV export.
    let isAgency: Bool
}

struct ExemptionDetailContext: Encodable {
    struct Event: Encodable {
        let at: String
        let actor: String
        let role: String
        let to: String
        let text: String?
        let similarTo: String?
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let e: ExemptionDTO
    let maskedPatient: String?
    let applicantKindTitle: String
    let period: String
    let validityTitle: String
    let expiryNotice: String?
    let decidedOn: String?
    /// For a refusal: the last day to appeal (forvaltningsloven § 29), shown to the applicant.
    let appealDeadline: String?
    /// The route in words and its rules («R8 og R12»), not their codes.
    let routeTitle: String
    let rules: String
    let events: [Event]
    let actions: [String]
    let message: String?
    let similarityWarning: String?

    init(
        _ dto: ExemptionDTO, user: AuthenticatedUser, csrf: String, actions: [String], message: String?,
        similarityWarning: String?, today: CalendarDate
    ) {
        title = "Godkjenningsfritak \(dto.reference)"
        currentUser = UserView(user)
        self.csrf = csrf
        e = dto
        maskedPatient = dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked
        applicantKindTitle =
            switch dto.applicantKind {
            case "hospital_specialist": "Spesialist ansatt på sykehus"
            case "general_practitioner": "Allmennlege"
            case "dentist": "Tannlege"
            case "veterinarian": "Veterinær"
            default: dto.applicantKind
            }
        period = "\(dto.validFrom.norwegian)–\(dto.validUntil.norwegian)"
        validityTitle = Self.validityTitle(dto.validity)
        let granted = ExemptionState(rawValue: dto.state)?.grantsUse ?? false
        expiryNotice =
            granted && dto.validity == ExemptionValidity.Status.expiringSoon.rawValue
            ? "Fritaket utløper \(dto.validUntil.norwegian) (om \(today.days(until: dto.validUntil)) dager). "
                + "Søk på nytt i god tid hvis behandlingen skal fortsette."
            : nil
        decidedOn = dto.decidedOn?.norwegian
        routeTitle = Route(rawValue: dto.route)?.title ?? dto.route
        rules = CaseDetailContext.rules(dto.routeRules)
        appealDeadline =
            dto.state == ExemptionState.refused.rawValue
            ? dto.decidedOn?.addingDays(ExemptionWorkflow.appealDays)?.norwegian : nil
        events = dto.events.map {
            Event(
                at: $0.at.map(OsloTime.dateTime) ?? "", actor: $0.actor,
                role: Role(rawValue: $0.actorRole)?.title ?? $0.actorRole,
                to: ExemptionState(rawValue: $0.to)?.title ?? $0.to, text: $0.text,
                // Another prescriber's case is the agency's to see, never the applicant's.
                similarTo: user.role == .agencyOfficer ? $0.similarTo : nil)
        }
        self.actions = actions
        self.message = message
        self.similarityWarning = similarityWarning
    }

    static func validityTitle(_ status: String) -> String {
        switch ExemptionValidity.Status(rawValue: status) {
        case .notYetValid: "Ikke trådt i kraft"
        case .valid: "Gyldig"
        case .expiringSoon: "Utløper snart"
        case .expired: "Utløpt"
        case nil: status
        }
    }
}
