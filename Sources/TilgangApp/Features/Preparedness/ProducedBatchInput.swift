import Vapor

struct ProducedBatchInput: Content {
    var site: String?
    var batch: String?
    var producedOn: String?
    var quantity: Int?
    var remaining: Int?
}
