import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

struct CUActionInput: Content {
    /// CUP: `check_agreement`, `approve_cost`, `cancel`. CUNP: a `CUNPEvent` name.
    var action: String?
    var comment: String?
    var sykehusinnkjopContacted: Bool?
    var exemptionReference: String?
}
