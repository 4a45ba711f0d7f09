import TilgangDomain
import Vapor

/// A proposal for a medicine, and whether it is in shortage today.
struct ProposalDTO: Content {
    let medicineId: String
    let medicineName: String
    let inShortage: Bool
    let proposal: ProductionProposal
}
