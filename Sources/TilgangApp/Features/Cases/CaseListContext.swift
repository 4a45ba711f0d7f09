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
    /// The page links of `/saker`, with the list and the search kept.
    static func pages(list: String, search: SearchForm, number: Int, hasMore: Bool) -> PageLinks {
        PageLinks(
            path: "/saker",
            query: [
                ("liste", list), ("q", search.q), ("status", search.status), ("fra", search.from),
                ("til", search.to), ("sorter", search.sort),
            ], number: number, hasMore: hasMore)
    }

    let title: String
    let currentUser: UserView
    let tabs: [Tab]
    let list: String
    /// The table's rows as HTML (`CaseRowsHTML`), and whether there are any.
    let rows: String
    let hasCases: Bool
    let pages: PageLinks
    let mayApply: Bool
    let search: SearchForm
    let searchError: String?
    let states: [StateOption]
    let sorts: [StateOption]
}
