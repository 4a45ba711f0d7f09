import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// `tilgang import hpr`: the trust's register extract upserted by HPR number, in one audited transaction.
    @Suite struct HPRRegisterImportTests {
        static let file = """
            hpr_number,name,profession,specialities
            9144889,Åse Ødegård,lege,spesialist i nevrologi
            1234567,Bjørn Tannberg,tannlege,
            """

        @Test func importsThenCountsUnchangedAndChangedEntries() async throws {
            try await withTilgangApp(demoPeople: false) { app in
                let service = HPRRegisterService(database: app.db)
                let actor = AuditActor(id: "tilgang import hpr", role: "system", trust: "-")
                let first = try await service.importEntries(
                    try HPRRegisterCSV.parse(Self.file), by: actor, audit: app.auditLog)
                #expect((first.created, first.updated, first.unchanged) == (2, 0, 0))
                let again = try await service.importEntries(
                    try HPRRegisterCSV.parse(Self.file), by: actor, audit: app.auditLog)
                #expect((again.created, again.updated, again.unchanged) == (0, 0, 2))
                let changed = Self.file.replacingOccurrences(of: "nevrologi", with: "nevrologi;spesialist i pediatri")
                let third = try await service.importEntries(
                    try HPRRegisterCSV.parse(changed), by: actor, audit: app.auditLog)
                #expect((third.created, third.updated, third.unchanged) == (0, 1, 1))
                let ase = try #require(try await service.authorisation(hpr: "9144889"))
                #expect(ase.profession == .physician)
                #expect(ase.specialities == ["spesialist i nevrologi", "spesialist i pediatri"])
                #expect(try await service.authorisation(hpr: "1234567")?.profession == .dentist)
                let audited = try await AuditEntryModel.query(on: app.db)
                    .filter(\.$action == "identity.hpr_register.import").count()
                #expect(audited == 3)
            }
        }
    }
}
