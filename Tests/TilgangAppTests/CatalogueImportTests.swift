import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct CatalogueImportTests {

        /// An administrator's bearer token: imports are tied to a person (security review finding 14).
        static func adminHeaders(_ app: Application) async throws -> HTTPHeaders {
            let token = try await APIClient(app: app).token("si-admin")
            return ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
        }

        static func document(_ medicines: [[String: Any]]) throws -> ByteBuffer {
            try Fixtures.json(["format": "tilgang-catalogue", "formatVersion": 1, "medicines": medicines])
        }

        static var melatonin: [String: Any] {
            [
                "id": "melatonin-test", "name": "Melatonin test", "substance": "melatonin", "atc": "N05CH01",
                "norwegianAuthorisation": "none", "foreignAuthorisations": ["GB"],
            ]
        }
        static var zopiclone: [String: Any] {
            [
                "id": "zopiklon-test", "name": "Zopiklon test", "substance": "zopiklon", "atc": "N05CF01",
                "norwegianAuthorisation": "deregistered", "deregisteredOn": "2024-03-01",
                "foreignAuthorisations": ["SE"],
            ]
        }

        @Test func importCreatesThenReimportIsUnchangedThenChangeUpdates() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                let file = try Self.document([Self.melatonin, Self.zopiclone])
                // when / then: first import creates
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: file
                ) {
                    res in
                    #expect(res.status == .ok)
                    let decoded = try res.content.decode(CatalogueImportResult.self)
                    #expect(decoded == .init(created: 2))
                }
                // the same file again changes nothing
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: file
                ) {
                    res in
                    let decoded = try res.content.decode(CatalogueImportResult.self)
                    #expect(decoded == .init(unchanged: 2))
                }
                // a changed record is updated in place, by its stable id
                var changed = Self.melatonin
                changed["replacedByMarketedProductOn"] = "2026-09-01"
                let second = try Self.document([changed, Self.zopiclone])
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: second
                ) {
                    res in
                    let decoded = try res.content.decode(CatalogueImportResult.self)
                    #expect(decoded == .init(updated: 1, unchanged: 1))
                }
                let count = try await app.catalogue.count()
                #expect(count == 2)
                let stored = try #require(try await app.catalogue.medicine(id: "melatonin-test"))
                #expect(stored.replacedByMarketedProductOn == CalendarDate(iso: "2026-09-01"))
            }
        }

        /// Route decisions read the catalogue through a five-second cache: an import in this process counts at
        /// once; a change made elsewhere (another process) counts when the cache is cleared or expires.
        @Test func routeDecisionsSeeAnImportAtOnce() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                func route() async throws -> String? {
                    let scenario = try Fixtures.json([
                        "medicineId": "melatonin-test", "indication": "G47.0", "date": "2026-11-22",
                        "patient": ["species": "human"],
                        "applicant": ["kind": "general_practitioner", "setting": "primary_care"],
                    ])
                    var route: String?
                    try await app.testing().test(
                        .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"], body: scenario
                    ) { res in
                        #expect(res.status == .ok)
                        let decision = try JSONSerialization.jsonObject(with: Data(buffer: res.body))
                        route = (decision as? [String: Any])?["route"] as? String
                    }
                    return route
                }
                // given: an unauthorised medicine, decided once (and so cached)
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app),
                    body: try Self.document([Self.melatonin])
                ) { res in #expect(res.status == .ok) }
                let unauthorised = try await route()
                #expect(unauthorised != nil && unauthorised != "on_label")
                // when: an import authorises it for the indication
                var authorised = Self.melatonin
                authorised["norwegianAuthorisation"] = "authorised"
                authorised["approvedIndications"] = ["G47.0"]
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app),
                    body: try Self.document([authorised])
                ) { res in #expect(res.status == .ok) }
                // then: the next decision uses it
                #expect(try await route() == "on_label")

                // when: another process changes the row behind this one's back
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw(
                    "UPDATE medicines SET norwegian_authorisation = 'none' WHERE catalogue_id = 'melatonin-test'"
                ).run()
                // then: the cached entry answers until it is cleared (or five seconds pass)
                #expect(try await route() == "on_label")
                app.catalogueCache.removeAll()
                #expect(try await route() == unauthorised)
            }
        }

        @Test func badRecordChangesNothingAndNamesIndexAndField() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a valid new record first, then a bad ATC code in record 2
                let before = try await app.catalogue.count()
                var bad = Self.zopiclone
                bad["atc"] = "not-an-atc"
                let file = try Self.document([Self.melatonin, Self.zopiclone.merging(["id": "z2"]) { $1 }, bad])
                // when
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: file
                ) {
                    res in
                    // then
                    #expect(res.status == .unprocessableEntity)
                    let error = try res.content.decode(ErrorResponse.self)
                    #expect(error.fields?.first?.field == "medicines[2].atc")
                }
                let after = try await app.catalogue.count()
                #expect(after == before)
                let notImported = try await app.catalogue.medicine(id: "melatonin-test")
                #expect(notImported == nil)
            }
        }

        @Test func duplicateIDInOneFileIsRefused() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let file = try Self.document([Self.melatonin, Self.melatonin])
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: file
                ) {
                    res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.content.decode(ErrorResponse.self)
                    #expect(decoded.fields?.first?.field == "medicines[1].id")
                }
                let count = try await app.catalogue.count()
                #expect(count == 0)
            }
        }

        @Test func importNeedsAnAdministratorAndIsAuditedInTheirName() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                let file = try Self.document([Self.melatonin])
                // then: no token, a wrong token, the shared token of old and another role are all refused
                for authorization in [nil, "Bearer wrong", "Bearer \(testAdminToken)"] {
                    var headers: HTTPHeaders = ["Content-Type": "application/json"]
                    if let authorization { headers.replaceOrAdd(name: .authorization, value: authorization) }
                    try await app.testing().test(.POST, "/api/v1/catalogue/import", headers: headers, body: file) {
                        #expect($0.status == .unauthorized)
                    }
                }
                let physician = APIClient(app: app)
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import",
                    headers: physician.headers(try await physician.token("si-lege")), body: file
                ) { #expect($0.status == .forbidden) }
                #expect(try await app.catalogue.count() == 0)
                // when: the administrator imports
                try await app.testing().test(
                    .POST, "/api/v1/catalogue/import", headers: try await Self.adminHeaders(app), body: file
                ) { #expect($0.status == .ok) }
                // then: the audit log names them
                let rows = try await AuditEntryModel.query(on: app.db).filter(\.$action == "catalogue.import").all()
                #expect(rows.map(\.actorID) == ["si-admin"])
            }
        }

        @Test func searchMatchesNameSubstanceAndATC() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // when
                try await app.testing().test(.GET, "/api/v1/catalogue?q=SEMAGLUTID") { res in
                    // then
                    let ids = try res.content.decode([Medicine].self).compactMap(\.id)
                    #expect(ids == ["ozempic-1mg", "ozempic-1mg-dansk"])
                }
                try await app.testing().test(.GET, "/api/v1/catalogue?q=n02bg10") { res in
                    let ids = try res.content.decode([Medicine].self).compactMap(\.id)
                    #expect(Set(ids) == ["bedrocan-urtete", "bedrolite-urtete"])
                }
                try await app.testing().test(.GET, "/api/v1/catalogue/bedrocan-urtete") { res in
                    let decoded = try res.content.decode(Medicine.self)
                    #expect(decoded.thcPercent == 22)
                }
                try await app.testing().test(.GET, "/api/v1/catalogue/nope") { res in
                    #expect(res.status == .notFound)
                }
            }
        }

        @Test func demoCatalogueRoundTripsThroughTheDatabase() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // every field of every demo record comes back as it was imported, on SQLite and PostgreSQL alike
                for medicine in try DemoData.catalogue().medicines {
                    let stored = try await app.catalogue.medicine(id: medicine.id ?? "")
                    #expect(stored == medicine)
                }
            }
        }
    }
}
