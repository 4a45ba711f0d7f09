import Foundation
import TilgangDomain
import Vapor

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
