import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Group commit (issue 7, load): writes that share a transaction still each get their own answer, nothing is
    /// acknowledged before it is committed, and the audit chain stays whole.
    @Suite struct GroupCommitTests {
        @Test func eachWriteInASharedCommitGetsItsOwnResult() async throws {
            try await withTilgangApp { app in
                // given: a commit that refuses odd numbers and doubles even ones
                let commit = GroupCommit<Int, Int>(database: app.writerDatabase) { inputs, _ in
                    inputs.map { $0 % 2 == 0 ? .success($0 * 2) : .failure(CaseError.versionConflict(current: $0)) }
                }
                // when: forty writes at once
                let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                    for n in 0..<40 {
                        group.addTask { (n, await Result { try await commit.submit(n) }) }
                    }
                    return await group.reduce(into: [Int: Result<Int, any Error>]()) { $0[$1.0] = $1.1 }
                }
                // then
                #expect(results.count == 40)
                for (n, result) in results {
                    switch result {
                    case .success(let value): #expect(n % 2 == 0 && value == n * 2)
                    case .failure(let error):
                        #expect(n % 2 == 1)
                        guard case CaseError.versionConflict(let current) = error else {
                            Issue.record("unexpected \(error)")
                            continue
                        }
                        #expect(current == n)
                    }
                }
            }
        }

        @Test func aFailedTransactionFailsEveryWriteInItAndWritesNothing() async throws {
            try await withTilgangApp { app in
                // given: a commit that appends audit rows, then fails
                struct Broken: Error {}
                let audit = app.auditLog
                let commit = GroupCommit<Int, Void>(database: app.writerDatabase) { inputs, db in
                    try await audit.append(
                        inputs.map {
                            AuditLogService.Entry(
                                action: "test.\($0)", actor: AuditActor(id: "t", role: "t", trust: "t"), caseID: nil,
                                patientKey: nil, detail: "", at: Date())
                        }, on: db)
                    throw Broken()
                }
                // when
                let failures = await withTaskGroup(of: Bool.self) { group in
                    for n in 0..<10 {
                        group.addTask { (try? await commit.submit(n)) == nil }
                    }
                    return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                // then: every writer was told, and the rolled-back rows are not there
                let rows = try await AuditEntryModel.query(on: app.db).count()
                #expect(failures == 10)
                #expect(rows == 0)
            }
        }

        @Test func simultaneousReadsAndActionsEachLandTheirAuditRowAndOneActionWinsPerVersion() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: four submitted cases at the department head
                let api = APIClient(app: app)
                var cases: [(id: String, version: Int)] = []
                for _ in 0..<4 {
                    let created = try await api.createCase(as: "si-lege")
                    let submitted = try await api.act("submit", on: created.id, version: created.version, as: "si-lege")
                    #expect(submitted.status == .ok)
                    cases.append((created.id, submitted.version))
                }
                let head = try await api.token("si-avdelingsleder")
                let before = try await AuditEntryModel.query(on: app.db).count()
                // when: every case read five times, and quality-assured three times at the same version, all at once
                let outcomes = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                    for item in cases {
                        for _ in 0..<5 {
                            group.addTask {
                                var status = HTTPStatus.ok
                                try await app.testing().test(
                                    .GET, "/api/v1/cases/\(item.id)", headers: api.headers(head)
                                ) { res in status = res.status }
                                return ("read", status)
                            }
                        }
                        for _ in 0..<3 {
                            group.addTask {
                                (
                                    "act",
                                    try await api.act(
                                        "assess", on: item.id, version: item.version, as: "si-avdelingsleder",
                                        fields: APIClient.recommendApproval
                                    ).status
                                )
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // then: every read answered, one action per case won and the others were told 409
                #expect(outcomes.filter { $0.0 == "read" }.allSatisfy { $0.1 == .ok })
                #expect(outcomes.filter { $0.0 == "act" && $0.1 == .ok }.count == 4)
                #expect(outcomes.filter { $0.0 == "act" && $0.1 == .conflict }.count == 8)
                let rows = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
                #expect(rows.count == before + 20 + 4)
                #expect(rows.filter { $0.action == "case.read" }.count == 20)
                #expect(rows.filter { $0.action == "case.assess" }.count == 4)
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: rows.count))
                for item in cases {
                    let id = try #require(UUID(uuidString: item.id))
                    let record = try #require(try await CaseStore(app.db).record(id))
                    #expect(record.version == item.version + 1 && record.history.count == 2)
                }
            }
        }
    }
}
