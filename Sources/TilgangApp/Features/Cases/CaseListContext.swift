import TilgangDomain
import Vapor

/// «Saker»: the work lists.
struct CaseListContext: Encodable {
    struct Tab: Encodable {
        let key: String
        let label: String
        let active: Bool
        /// «Til meg»: unread notices of cases waiting for the user (`NoticeService.unreadWaitingCount`).
        var count: Int? = nil
    }

    struct SearchForm: Encodable {
        let q: String
        let status: String
        let from: String
        let to: String
        let sort: String

        /// The page's label for a `CaseSearch` field, so an error names what the user sees.
        static func label(_ field: String) -> String {
            switch field {
            case "from": "Opprettet fra"
            case "to": "Opprettet til"
            case "state": "Status"
            case "sort": "Sorter"
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
                    URLQueryItem(name: "til", value: search.to), URLQueryItem(name: "sorter", value: search.sort),
                    URLQueryItem(name: "side", value: String(page)),
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
    let sorts: [StateOption]
}
