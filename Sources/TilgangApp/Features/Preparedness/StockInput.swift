import Vapor

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
