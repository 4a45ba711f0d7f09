import Fluent
import TilgangDomain
import Vapor

/// Looks up a prescriber's authorisation by HPR number.
struct HPRRegisterService {
    let database: any Database

    struct Unknown: Error {}

    func authorisation(hpr: String) async throws -> Authorisation? {
        guard let entry = try await HPRRegisterModel.find(hpr, on: database),
            let profession = Authorisation.Profession(rawValue: entry.profession)
        else { return nil }
        return Authorisation(
            hprNumber: hpr, profession: profession,
            specialities: entry.specialities.split(separator: ";").map(String.init))
    }

    /// Register entries for the demo people present in the database: hospital doctors and the GP are physicians,
    /// the dentist a dentist, the veterinarian a veterinarian.
    static func seedDemoEntries(on database: any Database) async throws {
        for user in try await UserModel.query(on: database).all() {
            guard let hpr = user.hprNumber, try await HPRRegisterModel.find(hpr, on: database) == nil else { continue }
            let profession: Authorisation.Profession =
                user.username == "tannlege" ? .dentist : user.username == "veterinaer" ? .veterinarian : .physician
            try await HPRRegisterModel(hprNumber: hpr, name: user.displayName, profession: profession.rawValue)
                .create(on: database)
        }
    }
}
