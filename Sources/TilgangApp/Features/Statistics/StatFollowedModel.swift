import Fluent
import Foundation

/// Distinct patients of a followed medicine in a year. Leaves the system only through `SmallNumbers`.
final class StatFollowedModel: Model, @unchecked Sendable {
    static let schema = "stat_followed"

    @ID(key: .id) var id: UUID?
    @Field(key: "atc") var atc: String
    @OptionalField(key: "product_number") var productNumber: Int?
    @Field(key: "label") var label: String
    @Field(key: "year") var year: Int
    @Field(key: "patients") var patients: Int
    /// "human" or "animal"; nil only on rows stored before the species were counted apart, which the migration
    /// `AddSpeciesToStatFollowed` removes.
    @OptionalField(key: "species") var species: String?

    init() {}
}
