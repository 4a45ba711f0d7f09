import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct AuditAndAccessTests {
        /// A case in the committee's hands at Sykehuset Innlandet, and its version.
        static func caseAtCommittee(_ api: APIClient) async throws -> (id: String, version: Int) {
            let (id, v1) = try await api.createCase(as: "si-lege")
            let v = try await api.toCommittee(id, draftVersion: v1)
            return (id, v)
        }

        @Test func auditChainVerifiesAndAnAlteredRowIsNamed() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a case and a few reads
                let api = APIClient(app: app)
                let (id, _) = try await Self.caseAtCommittee(api)
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-komite"))
                ) { res in #expect(res.status == .ok) }
                let before = try await app.auditLog.verify(on: app.db)
                #expect(before == .intact(rows: 5))  // create, submit, quality assurance, priority, read
                // when someone edits row 3 directly in the database
                let row = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$sequence == 3).first())
                row.actorID = "someone-else"
                try await row.update(on: app.db)
                // then
                let verdict = try await app.auditLog.verify(on: app.db)
                #expect(verdict == .broken(sequence: 3, reason: "its content does not match its keyed hash: edited"))
            }
        }

        @Test func deletingARowIsFound() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                _ = try await Self.caseAtCommittee(api)
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence == 2).delete()
                let verdict = try await app.auditLog.verify(on: app.db)
                guard case .broken(let sequence, _) = verdict else {
                    Issue.record("expected a broken chain, got \(verdict)")
                    return
                }
                #expect(sequence == 3)
            }
        }

        @Test func everyCaseEndpointWithEveryRoleAndAnotherTrust() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let (id, version) = try await Self.caseAtCommittee(api)
                let readers: Set<String> = [
                    "si-lege", "si-avdelingsleder", "si-divisjonsdirektor", "si-komite", "si-komite2", "si-direktor",
                ]
                let everyone = DemoPeople.people.map(\.username)
                for username in everyone {
                    let token = try await api.token(username)
                    // read
                    try await app.testing().test(.GET, "/api/v1/cases/\(id)", headers: api.headers(token)) { res in
                        #expect(res.status == (readers.contains(username) ? .ok : .forbidden), "\(username) read")
                    }
                    // lists never show another unit's case
                    try await app.testing().test(.GET, "/api/v1/cases?list=unit", headers: api.headers(token)) { res in
                        let ids = try res.content.decode([CaseSummaryDTO].self).map(\.id.uuidString)
                        #expect(ids.contains(id) == readers.contains(username), "\(username) list")
                    }
                    // act: only the committee member owns the current step
                    if !["si-komite", "si-komite2"].contains(username) {
                        let result = try await api.committeeRecommends(on: id, version: version, as: username)
                        #expect(result.status == .forbidden, "\(username) act: \(result.body)")
                    }
                    // create: only roles that treat patients, with a department and HPR number
                    let mayApply = ["lege", "avdelingsleder", "seksjonsoverlege"].contains {
                        username.hasSuffix("-\($0)")
                    }
                    try await app.testing().test(
                        .POST, "/api/v1/cases", headers: api.headers(token), body: try Fixtures.json(APIClient.draft())
                    ) { res in
                        #expect(res.status == (mayApply ? .created : .forbidden), "\(username) create")
                    }
                }
                // and without a token nothing at all
                try await app.testing().test(.GET, "/api/v1/cases/\(id)") { res in #expect(res.status == .unauthorized)
                }
                try await app.testing().test(.GET, "/api/v1/cases") { res in #expect(res.status == .unauthorized) }
            }
        }

        @Test func draftIsTheApplicantsAlone() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in #expect(res.status == .forbidden) }
                try await app.testing().test(
                    .GET, "/api/v1/cases?list=todo", headers: api.headers(try await api.token("si-lege"))
                ) { res in
                    let ids = try res.content.decode([CaseSummaryDTO].self).map(\.id.uuidString)
                    #expect(ids == [id])
                }
            }
        }

        @Test func workListShowsWhatWaitsForMe() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await Self.caseAtCommittee(api)
                for (username, waiting) in [("si-komite", true), ("si-direktor", false), ("si-avdelingsleder", false)] {
                    try await app.testing().test(
                        .GET, "/api/v1/cases?list=todo", headers: api.headers(try await api.token(username))
                    ) { res in
                        let ids = try res.content.decode([CaseSummaryDTO].self).map(\.id.uuidString)
                        #expect(ids.contains(id) == waiting, "\(username)")
                    }
                }
            }
        }

        @Test func summariesAndAuditRowsHoldNoIdentityNumber() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                _ = try await Self.caseAtCommittee(api)
                try await app.testing().test(
                    .GET, "/api/v1/cases?list=unit", headers: api.headers(try await api.token("si-komite"))
                ) { res in
                    #expect(!res.body.string.contains(APIClient.patientNIN))
                }
                for row in try await AuditEntryModel.query(on: app.db).all() {
                    #expect(!row.detail.contains(APIClient.patientNIN))
                    #expect(row.patientKey != APIClient.patientNIN)
                }
            }
        }
    }
}
