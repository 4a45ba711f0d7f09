struct AccessLogContext: Encodable {
    struct Row: Encodable {
        let at: String
        let actor: String
        let role: String
        let organisation: String
        let action: String
        let caseNumber: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let error: String?
    let searched: Bool
    let entries: [Row]
    /// Requests for access to earlier applications and their grants (issue 19).
    let requests: [AccessRequestsContext.Row]

    static func actionTitle(_ action: String, accessRequest: String? = nil) -> String {
        switch action {
        case "case.read": accessRequest == nil ? "Leste saken" : "Leste saken med innsynstilgang"
        case "access.request": "Ba om innsyn i tidligere søknader"
        case "access.grant": "Innvilget innsyn i tidligere søknader"
        case "access.refuse": "Avslo innsyn i tidligere søknader"
        case "access.revoke": "Trakk tilbake innsyn i tidligere søknader"
        case "access.purge": "Slettet begrunnelsene for innsyn etter oppbevaringstiden"
        case "case.create": "Opprettet saken"
        case "patient.access_log": "Slo opp innsynsloggen"
        default: action.hasPrefix("case.") ? "Behandlet saken (\(action.dropFirst(5)))" : action
        }
    }
}
