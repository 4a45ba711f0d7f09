import Foundation
import TilgangDomain
import Vapor

struct ExemptionListContext: Encodable {
    let title: String
    let currentUser: UserView
    let tabs: [CaseListContext.Tab]
    /// The table's rows as HTML (`ExemptionRowsHTML`), and whether there are any.
    let rows: String
    let hasRows: Bool
    let pages: PageLinks
    let mayApply: Bool
    let mayNotify: Bool
    let counts: ExemptionCountsDTO?

    /// The desk's search form, as typed.
    struct Search: Encodable {
        let list: String
        let q: String
        let status: String
        let from: String
        let to: String
        let overdue: Bool
    }

    let search: Search
    let states: [SelectOption]
    let searchError: String?
    /// The search fields the error names, each tied to it on the page (`aria-describedby`).
    struct Invalid: Encodable {
        let status: Bool
        let from: Bool
        let to: Bool
    }

    let invalid: Invalid
    /// The agency's officers get the search and the CSV export.
    let isAgency: Bool
}
