import Foundation
import TilgangDomain
import Vapor

/// The new-case form as the browser sends it (checkboxes as text).
struct CUCaseForm: Content {
    var kind: String?
    var medicineId: String?
    var patientNIN: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var pharmacyCostsCharged: String?
    var advancedTherapy: String?

    var input: CUCaseInput {
        CUCaseInput(
            kind: kind, medicineId: medicineId, patientNIN: patientNIN, indication: indication, dosage: dosage,
            treatmentDuration: treatmentDuration, justification: justification,
            pharmacyCostsCharged: pharmacyCostsCharged == "true", advancedTherapy: advancedTherapy == "true")
    }
}

struct CUListContext: Encodable {
    let title: String
    let currentUser: UserView
    let cases: [CUCaseDTO]
    let mayRequest: Bool
}

struct CUFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let form: CUCaseForm
    let medicines: [SelectOption]
    let errors: [String: String]
}

/// One form on the case page.
struct CUActionView: Encodable {
    let action: String
    let label: String
    let needsComment: Bool
    let needsReference: Bool
    let needsContact: Bool

    init(_ action: String) {
        self.action = action
        label = Self.label(action)
        needsComment = ["specialist_assessment", "section_chief_handling", "cancel"].contains(action)
        needsReference = action == "exemption_approved"
        needsContact = action == "section_chief_handling"
    }

    static func label(_ action: String) -> String {
        switch action {
        case "request": "Rekvisisjon sendt"
        case "open": "Sak opprettet"
        case "check_agreement": "Nasjonal avtale finnes – kontrollert"
        case "approve_cost": "Godkjenn at kostnaden belastes avdelingen"
        case "cancel": "Avbryt"
        case "specialist_assessment": "Registrer min vurdering som spesialist"
        case "section_chief_handling": "Forespørselen er behandlet"
        case "exemption_approved": "Godkjenningsfritak er innvilget"
        case "manufacturer_application_sent": "Søknad sendt til produsenten"
        case "pharmacy_manufacturer_agreement": "Avtale med produsenten er signert"
        case "pharmacy_trust_agreement": "Godkjenn avtalen mellom apotek og helseforetak"
        case "medical_director_informed": "Direktør medisin og helsefag er informert"
        case "start_treatment": "Start behandlingen"
        default: action
        }
    }
}

struct CUDetailContext: Encodable {
    struct Event: Encodable {
        let action: String
        let actor: String
        let role: String
        let comment: String?
        let at: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CUCaseDTO
    let maskedPatient: String?
    let openTitles: [String]
    let actions: [CUActionView]
    let message: String?
    let events: [Event]
}

struct ManufacturerPageContext: Encodable {
    let title: String
    let currentUser: UserView
    let a: ManufacturerApplication
    let id: UUID
    let csrf: String
    /// The de-identified text in the form (what was typed, when the check refused it).
    let text: String
    let patientNames: String
    /// What the check found, in Norwegian; empty when nothing.
    let textError: String
    let message: String?
    let maximumLength: Int
}

struct DeviationsContext: Encodable {
    struct Row: Encodable {
        let d: DeviationDTO
        let created: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let mayList: Bool
    let deviations: [Row]
    let categories: [SelectOption]
    let message: String?
    let errors: [String: String]
}

struct CURegisterContext: Encodable {
    let title: String
    let currentUser: UserView
    let entries: [CURegisterEntry]
}
