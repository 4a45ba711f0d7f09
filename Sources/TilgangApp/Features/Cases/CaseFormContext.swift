import TilgangDomain
import Vapor

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
