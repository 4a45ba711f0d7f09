import TilgangDomain
import Vapor

/// «Saker»: the work lists.
struct CaseListContext: Encodable {
    struct Tab: Encodable {
        let key: String
        let label: String
        let active: Bool
    }

    struct SearchForm: Encodable {
        let q: String
        let status: String
        let from: String
        let to: String

        /// The page's label for a `CaseSearch` field, so an error names what the user sees.
        static func label(_ field: String) -> String {
            switch field {
            case "from": "Opprettet fra"
            case "to": "Opprettet til"
            case "state": "Status"
            default: field
            }
        }
    }

    struct StateOption: Encodable {
        let key: String
        let label: String
        let selected: Bool
    }

    /// Links to the previous and next page of the list, keeping the search.
    struct Pages: Encodable {
        let number: Int
        let previous: String?
        let next: String?

        init(list: String, search: SearchForm, number: Int, hasMore: Bool) {
            func link(_ page: Int) -> String {
                var components = URLComponents()
                components.path = "/saker"
                components.queryItems = [
                    URLQueryItem(name: "liste", value: list), URLQueryItem(name: "q", value: search.q),
                    URLQueryItem(name: "status", value: search.status), URLQueryItem(name: "fra", value: search.from),
                    URLQueryItem(name: "til", value: search.to), URLQueryItem(name: "side", value: String(page)),
                ].filter { $0.value?.isEmpty == false }
                return components.string ?? "/saker"
            }
            self.number = number
            previous = number > 1 ? link(number - 1) : nil
            next = hasMore ? link(number + 1) : nil
        }
    }

    let title: String
    let currentUser: UserView
    let tabs: [Tab]
    let list: String
    let cases: [CaseSummaryView]
    let pages: Pages
    let mayApply: Bool
    let search: SearchForm
    let searchError: String?
    let states: [StateOption]
}

struct CaseSummaryView: Encodable {
    let id: String
    let caseNumber: String
    let kind: String
    let medicineName: String
    let indication: String
    let stateTitle: String
    let created: String

    init(_ dto: CaseSummaryDTO) {
        id = dto.id.uuidString
        caseNumber = dto.caseNumber
        kind = dto.kind == "group" ? "Gruppe" : "Enkeltpasient"
        medicineName = dto.medicineName
        indication = dto.indication
        stateTitle = dto.stateTitle
        created = dto.createdAt.map(OsloTime.date) ?? ""
    }
}

/// «Ny søknad»: the form, refilled with what was sent and the error next to each field.
struct CaseFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let input: CaseDraftInput
    let individual: Bool
    let medicines: [SelectOption]
    let trusts: [SelectOption]
    let errors: [String: String]
    let otherErrors: [String]
    let hasErrors: Bool
}

/// One action the signed-in user may take on the case now.
struct CaseActionView: Encodable {
    let action: String
    let label: String
    let needsComment: Bool
    let needsPriority: Bool
    let primary: Bool
}

/// «Sak»: everything about one case, with the actions open to this user.
struct CaseDetailContext: Encodable {
    struct TransitionView: Encodable {
        let at: String
        let actor: String
        let role: String
        let trust: String
        let onBehalfOf: String?
        let from: String
        let to: String
        let comment: String?
        let benefit: String?
        let resourceUse: String?
        let severity: String?
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CaseDTO
    let maskedPatient: String?
    let printedAt: String
    let created: String
    let decided: String?
    let transitions: [TransitionView]
    let actions: [CaseActionView]
    let message: String?
    let approved: Bool
    /// Who the case waits for now, or whom to appoint first (`CaseAssignmentService`).
    let waitingFor: String?
    /// The route in words («Bruk utenfor godkjent indikasjon»), not its code, and its rules («R2 og R13»).
    let routeTitle: String
    let rules: String

    static func rules(_ ids: [String]) -> String {
        ids.count <= 1 ? (ids.first ?? "") : ids.dropLast().joined(separator: ", ") + " og " + (ids.last ?? "")
    }
}

/// Dates and times as the UI shows them: DD.MM.YYYY and HH:mm, Europe/Oslo.
enum OsloTime {
    static let zone = TimeZone(identifier: "Europe/Oslo") ?? .gmt

    static func date(_ date: Date) -> String { format(date, "dd.MM.yyyy") }
    static func dateTime(_ date: Date) -> String { format(date, "dd.MM.yyyy HH:mm") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nb_NO")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

extension CalendarDate {
    /// The calendar day of an instant in Europe/Oslo.
    init(osloDay date: Date) {
        self = AppClock.dayInOslo(date)
    }
}
