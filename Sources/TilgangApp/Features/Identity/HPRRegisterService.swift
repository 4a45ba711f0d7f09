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

    /// What an import of the register file changed.
    struct ImportResult: Sendable {
        var created = 0
        var updated = 0
        var unchanged = 0
    }

    /// Upserts every entry by HPR number in one write transaction (the file was checked whole before this, so all
    /// or nothing). Entries not in the file are kept: a person who left still signed earlier applications.
    func importEntries(_ entries: [HPRRegisterCSV.Entry], by actor: AuditActor, audit: AuditLogService)
        async throws -> ImportResult
    {
        try await database.writeTransaction { db in
            var result = ImportResult()
            let existing = try await HPRRegisterModel.query(on: db).all()
            let byNumber = Dictionary(existing.compactMap { model in model.id.map { ($0, model) } }) { first, _ in first
            }
            for entry in entries {
                let hpr = entry.authorisation.hprNumber
                let fresh = HPRRegisterModel(
                    hprNumber: hpr, name: entry.name, profession: entry.authorisation.profession.rawValue,
                    specialities: entry.authorisation.specialities)
                guard let model = byNumber[hpr] else {
                    try await fresh.create(on: db)
                    result.created += 1
                    continue
                }
                if model.name == fresh.name, model.profession == fresh.profession,
                    model.specialities == fresh.specialities
                {
                    result.unchanged += 1
                    continue
                }
                model.name = fresh.name
                model.profession = fresh.profession
                model.specialities = fresh.specialities
                try await model.update(on: db)
                result.updated += 1
            }
            try await audit.append(
                "identity.hpr_register.import", by: actor, caseID: nil, patientKey: nil,
                detail: "\(result.created) nye, \(result.updated) endret, \(result.unchanged) uendret", on: db)
            return result
        }
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
