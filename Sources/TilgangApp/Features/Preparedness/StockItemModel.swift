import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

final class StockItemModel: Model, @unchecked Sendable {
    static let schema = "prep_stock"

    @ID(key: .id) var id: UUID?
    @Field(key: "holder") var holder: String
    @Field(key: "material") var material: String
    @Field(key: "name") var name: String
    @OptionalField(key: "atc") var atc: String?
    @Field(key: "quantity") var quantity: Double
    @Field(key: "unit") var unit: String
    @Field(key: "batch") var batch: String
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}
