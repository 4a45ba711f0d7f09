import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Another server sharing the database deactivates an account: its commit changes the rows but cannot clear
    /// this process's identity cache. Writes must stop at once, reads within `IdentityCache.lifetime`
    /// (docs/operations.md, «More than one server»; scripts/two_servers_test.py checks the same with two processes).
    @Suite struct DeactivationAcrossServersTests {
        @Test func writesStopAtOnceAndReadsWithinTheCacheLifetime() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: si-lege writes with a token this server has just looked up (the cache holds its holder)
                let api = APIClient(app: app)
                let lege = try await api.token("si-lege")
                let (caseID, _) = try await api.createCase(as: "si-lege")
                try await app.testing().test(.GET, "/api/v1/me", headers: api.headers(lege)) { res in
                    #expect(res.status == .ok)
                }
                let id = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-lege").first()?.id)
                // when: the account is deactivated as another server does it, without clearing this cache
                try await app.db.writeTransaction { db in
                    let model = try #require(try await UserModel.find(id, on: db))
                    model.active = false
                    try await model.save(on: db)
                    try await CredentialRevocation.revokeAll(of: id, on: db)
                }
                // then: a write is refused at once and stores nothing
                var draft = APIClient.draft()
                draft["justification"] = "Skrevet etter deaktivering – skal avvises på alle servere (æøå)."
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(lege), body: try Fixtures.json(draft)
                ) { res in #expect(res.status == .unauthorized) }
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(caseID)/actions", headers: api.headers(lege, version: 1),
                    body: try Fixtures.json(["action": "submit"])
                ) { res in #expect(res.status == .unauthorized) }
                #expect(try await CaseModel.query(on: app.db).count() == 1)
                #expect(try await CaseModel.find(UUID(uuidString: caseID), on: app.db)?.state == "draft")
                // and a read is still served from the cache (this is the bound the operations guide states)
                try await app.testing().test(.GET, "/api/v1/me", headers: api.headers(lege)) { res in
                    #expect(res.status == .ok)
                }
                // until the entry has lived its lifetime
                try await Task.sleep(for: IdentityCache.lifetime + .milliseconds(300))
                try await app.testing().test(.GET, "/api/v1/me", headers: api.headers(lege)) { res in
                    #expect(res.status == .unauthorized)
                }
            }
        }
    }
}
