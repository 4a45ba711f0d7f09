import Fluent
import TilgangDomain
import Vapor

/// Norwegian labels of the actions.
enum CaseActionLabels {
    static func view(_ action: String) -> CaseActionView {
        let (label, comment, priority, primary): (String, Bool, Bool, Bool) =
            switch action {
            case "submit": ("Send til fagansvarlig leder", false, false, true)
            case "quality_assure": ("Kvalitetssikret – send videre", false, false, true)
            case "assess_priority": ("Vurdert – send til vurderingskomiteen", false, true, true)
            case "request_supplement": ("Be om tilleggsopplysninger", true, false, false)
            case "supply_supplement": ("Send tilleggsopplysninger", true, false, true)
            case "recommend": ("Vurdert – send til direktør", false, false, true)
            case "partner_director_concur": ("Involvert – send til beslutning", false, false, true)
            case "approve": ("Godkjenn", true, false, true)
            case "refuse": ("Avslå", true, false, false)
            case "withdraw": ("Trekk søknaden (oppgi grunn)", true, false, false)
            case "return_to_applicant": ("Returner til søker", true, false, false)
            case "assess": ("Registrer vurdering og send videre", true, false, true)
            case "amend": ("Endre søknaden", false, false, false)
            default: (action, false, false, false)
            }
        return CaseActionView(
            action: action, label: label, needsComment: comment, needsPriority: priority, primary: primary)
    }
}
