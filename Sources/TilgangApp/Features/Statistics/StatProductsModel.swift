import Fluent
import Foundation

/// Distinct unregistered product numbers of a year and species.
final class StatProductsModel: Model, @unchecked Sendable {
    static let schema = "stat_products"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "species") var species: String
    @Field(key: "distinct_products") var distinctProducts: Int

    init() {}
}
