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
    /// CUNP: the case number of the approval exemption in Tilgang (`DMP-2026-000012`).
    var exemptionReference: String?
    /// CUNP, hospital pharmacist only: a decision outside Tilgang, with `externalConfirmed` ticked.
    var externalReference: String?
    var externalConfirmed: Bool?
    /// CUP, `check_agreement` and `revise_agreement`: the draft cost agreement.
    var costAmount: String?
    var costFrom: String?
    var costTo: String?
    var costSupplier: String?
    var costReference: String?
}
