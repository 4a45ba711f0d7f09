import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Found by API fuzzing (issue 7): simultaneous writes must all succeed with their own reference numbers and an
    /// unbroken audit chain, and an Idempotency-Key belongs to one endpoint and replays the whole first answer.
    @Suite struct ConcurrencyTests {
        @Test func simultaneousSubmissionsAllLandWithTheirOwnNumbers() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let tokens = [try await api.token("si-lege"), try await api.token("hb-lege")]
                // when: twelve creations at once, from two trusts
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for index in 0..<12 {
                        let token = tokens[index % 2]
                        let body = try Fixtures.json(APIClient.draft(patientTrust: index % 2 == 0 ? "SI" : "HB"))
                        group.addTask {
                            var status = HTTPStatus.ok
                            try await app.testing().test(
                                .POST, "/api/v1/cases", headers: api.headers(token), body: body
                            ) { res in status = res.status }
                            return status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // then
                #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
                let numbers = try await CaseModel.query(on: app.db).all().map(\.caseNumber)
                #expect(numbers.count == 12 && Set(numbers).count == 12)
                #expect(
                    try await app.auditLog.verify(on: app.db)
                        == .intact(rows: try await AuditEntryModel.query(on: app.db).count()))
            }
        }

        @Test func anIdempotencyKeyBelongsToOneEndpointAndReplaysTheETag() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let token = try await api.token("si-lege")
                var first: (String, String?) = ("", nil)
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "k1"),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in first = (res.body.string, res.headers.first(name: .eTag)) }
                // the same key again: the first answer, with its ETag
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "k1"),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in
                    #expect(res.status == .created && res.headers.first(name: "Idempotent-Replayed") == "true")
                    #expect(res.body.string == first.0 && res.headers.first(name: .eTag) == first.1 && first.1 != nil)
                }
                #expect(try await CaseModel.query(on: app.db).count() == 1)
                // the same key on another endpoint acts there instead of replaying the case
                let id = try #require(try await CaseModel.query(on: app.db).first()?.id)
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/actions", headers: api.headers(token, version: 1, idempotencyKey: "k1"),
                    body: try Fixtures.json(["action": "submit"])
                ) { res in
                    #expect(res.status == .ok && res.headers.first(name: "Idempotent-Replayed") == nil)
                    #expect(res.body.string.contains("\"version\":2"))
                }
            }
        }
    }
}
