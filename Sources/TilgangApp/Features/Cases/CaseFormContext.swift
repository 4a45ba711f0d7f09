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
    /// Where the form posts: `/saker` for a new application, `/saker/{id}/rediger` for an edit.
    var formAction = "/" + SiteURL.cases.description
    /// The case number being edited, and the version the edit is based on (the optimistic lock).
    var editing: String? = nil
    var version: Int? = nil
    /// The refused case a new draft revises.
    var revises: String? = nil
    /// The patient of a launch from the EHR: filled in server-side, shown masked, never in the form.
    var launched: LaunchedPatient? = nil

    struct LaunchedPatient: Encodable {
        let maskedPatient: String
        let name: String?
    }
}
