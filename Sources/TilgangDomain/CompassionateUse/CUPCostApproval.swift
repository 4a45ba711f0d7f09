import Foundation

/// The level-2 leader's approval of one cost agreement: the agreement as it was approved, who approved it and
/// when. A changed agreement no longer matches, and needs a new approval.
public struct CUPCostApproval: Codable, Hashable, Sendable {
    public var agreement: CUPCostAgreement
    public var approvedByID: String
    public var approvedBy: String
    public var approvedAt: Date

    public init(agreement: CUPCostAgreement, approvedByID: String, approvedBy: String, approvedAt: Date) {
        self.agreement = agreement
        self.approvedByID = approvedByID
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }

    /// Whether this approval is for exactly `current`.
    public func covers(_ current: CUPCostAgreement?) -> Bool { current == agreement }
}
