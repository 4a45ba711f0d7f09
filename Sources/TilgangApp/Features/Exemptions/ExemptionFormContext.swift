import Foundation
import TilgangDomain
import Vapor

struct ExemptionFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let form: ExemptionForm
    let notification: Bool
    let hospitalApplicant: Bool
    /// An outside prescriber applies as what the HPR register says («allmennlege»); nil when not registered.
    let registeredAs: String?
    let medicines: [SelectOption]
    let applicantKinds: [SelectOption]
    let scopes: [SelectOption]
    let errors: [String: String]
    let hasErrors: Bool
}
