import Foundation
import Vapor

/// A medicine on the critical-medicine register with its score and why.
struct CriticalMedicineDTO: Content {
    struct Criterion: Content {
        let criterion: String
        let title: String
        let dimension: String
        let weight: Int
        let level: Int?
        let levelText: String?
        let points: Double
        let evidence: String?
        let assessedBy: String?
        /// DD.MM.YYYY
        let assessedOn: String?
        let derived: Bool
    }

    let rank: Int
    let medicineId: String
    let name: String
    let atc: String
    let form: String?
    let criticality: Double
    let shortageRisk: Double
    let priority: Double
    let reasons: [String]
    let unassessed: [String]
    let criteria: [Criterion]
    let inShortage: Bool
    let version: Int
}

extension CriticalMedicineDTO: Versioned {}
