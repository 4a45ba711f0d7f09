import Foundation
import TilgangDomain
import Vapor

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
    /// The department by name («Medisinsk avdeling, Hamar»), not its code.
    let departmentName: String?
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
        similarityWarning: String?, today: CalendarDate, departmentName: String? = nil
    ) {
        self.departmentName = departmentName ?? dto.departmentCode
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
        validityTitle = Self.validityTitle(dto.validity, state: dto.state)
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

    /// The period's status only for an exemption that grants use: a refused application never «takes effect»,
    /// and one still with the agency is not yet decided.
    static func validityTitle(_ status: String, state: String) -> String {
        let decided = ExemptionState(rawValue: state)
        if decided?.grantsUse != true {
            return decided?.isOpen == true ? "Ikke avgjort" : "Ikke innvilget"
        }
        return switch ExemptionValidity.Status(rawValue: status) {
        case .notYetValid: "Ikke trådt i kraft"
        case .valid: "Gyldig"
        case .expiringSoon: "Utløper snart"
        case .expired: "Utløpt"
        case nil: status
        }
    }
}
