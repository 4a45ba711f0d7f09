import Foundation
import TilgangDomain
import Vapor

/// The CUP requisition's draft cost agreement and its approval, kept as JSON on the case row.
extension CompassionateUseService {
    /// The agreement in a form or body, every field checked (`CUPCostAgreement.make`).
    static func costAgreement(_ input: CUActionInput) throws -> CUPCostAgreement {
        func date(_ text: String?) -> CalendarDate? {
            text.flatMap { PathwayForm.date(fromUserInput: $0) }
        }
        return try CUPCostAgreement.make(
            amount: input.costAmount, from: date(input.costFrom), to: date(input.costTo),
            supplier: input.costSupplier, reference: input.costReference)
    }

    static func costAgreement(_ model: CUCaseModel) throws -> CUPCostAgreement? {
        try model.costAgreementJSON.map { try JSONDecoder().decode(CUPCostAgreement.self, from: Data($0.utf8)) }
    }

    static func costApproval(_ model: CUCaseModel) throws -> CUPCostApproval? {
        try model.costApprovalJSON.map { try JSONDecoder().decode(CUPCostApproval.self, from: Data($0.utf8)) }
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// One line for the case history: what was entered or approved.
    static func summary(_ agreement: CUPCostAgreement) -> String {
        "\(agreement.amountText), \(agreement.from.norwegian)–\(agreement.to.norwegian), \(agreement.supplier)"
            + (agreement.reference.map { ", ref. \($0)" } ?? "")
    }
}
