import Foundation
import TilgangDomain
import Vapor

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
