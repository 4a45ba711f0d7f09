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
