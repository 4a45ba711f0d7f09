import Foundation
import Vapor

struct ProducedBatchDTO: Content {
    let id: UUID
    let shortageId: UUID
    let medicineId: String
    let medicineName: String
    let site: String
    let batch: String
    let producedOn: String
    let quantity: Int
    let remaining: Int
    /// The MT product is back and some is left (today's rules do not allow selling it).
    let stranded: Bool
    let warning: String?
    let version: Int
}

extension ProducedBatchDTO: Versioned {}
