import TilgangDomain

/// One form on the case page.
struct CUActionView: Encodable {
    let action: String
    let label: String
    let needsComment: Bool
    let needsReference: Bool
    /// The hospital pharmacist may give an external reference instead, and confirms it.
    let allowsExternal: Bool
    let needsCostAgreement: Bool

    init(_ action: String, role: Role) {
        self.action = action
        label = Self.label(action)
        needsComment = ["specialist_assessment", "section_chief_handling", "cancel"].contains(action)
        needsReference = action == "exemption_approved"
        allowsExternal = needsReference && role == .hospitalPharmacist
        needsCostAgreement = ["check_agreement", "revise_agreement"].contains(action)
    }

    static func label(_ action: String) -> String {
        switch action {
        case "request": "Rekvisisjon sendt"
        case "open": "Sak opprettet"
        case "check_agreement": "Nasjonal avtale kontrollert – send utkastet til kostnadsavtale til godkjenning"
        case "revise_agreement": "Endre kostnadsavtalen (må godkjennes på nytt)"
        case "approve_cost": "Godkjenn kostnadsavtalen og at kostnaden belastes avdelingen"
        case "cancel": "Avbryt"
        case "specialist_assessment": "Registrer min vurdering som spesialist"
        case "section_chief_handling": "Forespørselen er behandlet"
        case "exemption_approved": "Knytt vedtaket om godkjenningsfritak til saken"
        case "manufacturer_application_sent": "Søknad sendt til produsenten"
        case "pharmacy_manufacturer_agreement": "Avtale med produsenten er signert"
        case "pharmacy_trust_agreement": "Godkjenn avtalen mellom apotek og helseforetak"
        case "medical_director_informed": "Direktør medisin og helsefag er informert"
        case "start_treatment": "Start behandlingen"
        default: "Annen handling"
        }
    }
}
