import Fluent
import Foundation

/// The trust's copy of the HPR register entries of the people who prescribe through Tilgang: HPR number,
/// profession and specialist approvals. Kept by the administrator (and, with HelseID, from the sign-in's HPR
/// number); R11 and R12 read the applicant's profession here.
final class HPRRegisterModel: Model, @unchecked Sendable {
    static let schema = "hpr_register"

    @ID(custom: "hpr_number", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    /// `lege`, `tannlege` or `veterinær` (`Authorisation.Profession`).
    @Field(key: "profession") var profession: String
    /// Specialist approvals separated by `;`.
    @Field(key: "specialities") var specialities: String

    init() {}

    init(hprNumber: String, name: String, profession: String, specialities: [String] = []) {
        id = hprNumber
        self.name = name
        self.profession = profession
        self.specialities = specialities.joined(separator: ";")
    }
}
