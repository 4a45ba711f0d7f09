import Foundation
import TilgangDomain
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

struct AddCriticalMedicineInput: Content {
    var medicineId: String?
}

/// Levels and evidence per criterion id; criteria left out keep their assessment.
struct AssessmentInput: Content {
    struct Entry: Content {
        var level: Int?
        var evidence: String?
    }

    var criteria: [String: Entry]
}

struct WeightsDTO: Content {
    struct Weight: Content {
        let criterion: String
        let title: String
        let dimension: String
        let weight: Int
        let defaultWeight: Int
    }

    let weights: [Weight]
}

struct ShortageDTO: Content {
    let id: UUID
    let medicineId: String
    let medicineName: String
    let start: String
    let cause: String
    let causeTitle: String
    let expectedEnd: String?
    let actualEnd: String?
    let affectedProducts: [String]
    let measures: [String]
    let note: String
    let active: Bool
    let recordedBy: String
    let version: Int
}

extension ShortageDTO: Versioned {}

/// A shortage as typed in; dates DD.MM.YYYY or YYYY-MM-DD.
struct ShortageInput: Content {
    var medicineId: String?
    var start: String?
    var cause: String?
    var expectedEnd: String?
    var actualEnd: String?
    /// Separated by `;`, `,` or line breaks.
    var affectedProducts: String?
    var measures: [String]?
    var note: String?
}

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

struct ProducedBatchInput: Content {
    var site: String?
    var batch: String?
    var producedOn: String?
    var quantity: Int?
    var remaining: Int?
}

struct ProductionSiteDTO: Content {
    let id: UUID
    let site: ProductionSite
    let kindTitle: String
    let licenceTitle: String
    let spareCapacityTitle: String
    let dosageFormClasses: [String]
    let version: Int
    let updatedBy: String
}

extension ProductionSiteDTO: Versioned {}

extension ProductionSiteDTO {
    init(id: UUID, site: ProductionSite, version: Int, updatedBy: String) {
        self.init(
            id: id, site: site, kindTitle: site.kind.title, licenceTitle: site.licence.title,
            spareCapacityTitle: site.spareCapacity.title,
            dosageFormClasses: site.dosageFormClasses.map(\.rawValue).sorted(), version: version,
            updatedBy: updatedBy)
    }
}

struct SiteImportResult: Content, Equatable {
    var created = 0
    var updated = 0
    var unchanged = 0
}

struct StockItemDTO: Content {
    let id: UUID
    let item: StockItem
    let materialTitle: String
    /// DD.MM.YYYY
    let expiresOnText: String
    let usable: Bool
    let expired: Bool

    init(id: UUID, item: StockItem, today: CalendarDate) {
        self.id = id
        self.item = item
        materialTitle = item.material.title
        expiresOnText = item.expiresOn.norwegian
        usable = item.isUsable(on: today)
        expired = item.expiresOn < today
    }
}

struct StockInput: Content {
    var holder: String?
    var material: String?
    var name: String?
    var atc: String?
    var quantity: Double?
    var unit: String?
    var batch: String?
    var expiresOn: String?
}

struct ForumDecisionDTO: Content {
    let id: UUID
    let kind: String
    let kindTitle: String
    let medicineId: String
    let medicineName: String
    let shortageId: UUID?
    let site: String
    let quantity: String?
    let decidedOn: String
    let note: String
    let recordedBy: String
}

struct ForumDecisionInput: Content {
    var kind: String?
    var medicineId: String?
    var shortageId: UUID?
    var site: String?
    var quantity: String?
    var decidedOn: String?
    var note: String?
}

/// A proposal for a medicine, and whether it is in shortage today.
struct ProposalDTO: Content {
    let medicineId: String
    let medicineName: String
    let inShortage: Bool
    let proposal: ProductionProposal
}
