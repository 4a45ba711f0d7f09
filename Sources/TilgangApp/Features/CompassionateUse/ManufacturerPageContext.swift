import Foundation
import TilgangDomain

struct ManufacturerPageContext: Encodable {
    let title: String
    let currentUser: UserView
    let a: ManufacturerApplication
    let id: UUID
    let csrf: String
    /// The de-identified text in the form (what was typed, when the check refused it).
    let text: String
    let patientNames: String
    /// What the check found, in Norwegian; empty when nothing.
    let textError: String
    let message: String?
    let maximumLength: Int
}
