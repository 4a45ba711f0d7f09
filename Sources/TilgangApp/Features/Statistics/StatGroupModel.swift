import Fluent
import Foundation

/// Unregistered dispensings of one ATC code in one year and species, summed from an extract. No patient data.
final class StatGroupModel: Model, @unchecked Sendable {
    static let schema = "stat_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "species") var species: String
    @Field(key: "atc") var atc: String
    @Field(key: "substance") var substance: String
    @Field(key: "dispensings") var dispensings: Int
    /// Thousandths, as the extract reader sums them.
    @Field(key: "packages_milli") var packagesMilli: Int64
    @Field(key: "ddd_milli") var dddMilli: Int64
    @Field(key: "has_ddd") var hasDDD: Bool
    @Field(key: "marker") var marker: Int
    /// Distinct patients behind the line, counted up to five (enough to decide suppression); nil before it was
    /// stored, which counts as suppressed.
    @OptionalField(key: "patients") var patients: Int?

    init() {}
}
