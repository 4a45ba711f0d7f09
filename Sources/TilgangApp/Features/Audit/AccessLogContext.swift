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

    static func actionTitle(_ action: String) -> String {
        switch action {
        case "case.read": "Leste saken"
        case "case.create": "Opprettet saken"
        case "patient.access_log": "Slo opp innsynsloggen"
        default: action.hasPrefix("case.") ? "Behandlet saken (\(action.dropFirst(5)))" : action
        }
    }
}
