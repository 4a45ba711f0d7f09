import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

final class ProductionSiteModel: Model, @unchecked Sendable {
    static let schema = "prep_sites"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "organisation") var organisation: String
    /// Separated by `;`, as in the import file.
    @Field(key: "locations") var locations: String
    @Field(key: "kind") var kind: String
    @Field(key: "licence") var licence: String
    @Field(key: "sterile") var sterile: Bool
    @Field(key: "non_sterile") var nonSterile: Bool
    @Field(key: "dosage_forms") var dosageForms: String
    @Field(key: "technology") var technology: String
    @Field(key: "capacity_note") var capacityNote: String
    @Field(key: "spare_capacity") var spareCapacity: String
    @Field(key: "version") var version: Int
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}
