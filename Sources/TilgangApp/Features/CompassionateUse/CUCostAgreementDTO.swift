import Foundation
import TilgangDomain
import Vapor

/// A CUP requisition's draft cost agreement as the API and page show it.
struct CUCostAgreementDTO: Content {
    let amountOre: Int
    /// `125 000,50 kr`.
    let amount: String
    let from: CalendarDate
    let to: CalendarDate
    let supplier: String
    let reference: String?

    init(_ agreement: CUPCostAgreement) {
        amountOre = agreement.amountOre
        amount = agreement.amountText
        from = agreement.from
        to = agreement.to
        supplier = agreement.supplier
        reference = agreement.reference
    }
}
