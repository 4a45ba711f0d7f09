import Foundation
import TilgangDomain
import Vapor

/// The level-2 leader's approval: the agreement exactly as approved, who and when, and whether it is the
/// agreement on the case now.
struct CUCostApprovalDTO: Content {
    let agreement: CUCostAgreementDTO
    let approvedBy: String
    let approvedAt: Date
    let coversCurrentAgreement: Bool

    init(_ approval: CUPCostApproval, current: CUPCostAgreement?) {
        agreement = CUCostAgreementDTO(approval.agreement)
        approvedBy = approval.approvedBy
        approvedAt = approval.approvedAt
        coversCurrentAgreement = approval.covers(current)
    }
}
