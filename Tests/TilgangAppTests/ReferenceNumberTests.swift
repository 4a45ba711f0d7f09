import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct ReferenceNumberTests {
        static func next(_ prefix: String, on app: Application) async throws -> String {
            try await app.db.transaction { try await ReferenceNumber.next(prefix, in: \CaseModel.$caseNumber, on: $0) }
        }

        @Test func numbersCountUpPerPrefixAndContinueFromWhatIsStored() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: one case numbered before the counters existed
                let api = APIClient(app: app)
                let created = try #require(UUID(uuidString: try await api.createCase(as: "si-lege").id))
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("UPDATE cases SET case_number = 'ZZ-2026-000041' WHERE id = \(bind: created)").run()
                try await sql.raw("DELETE FROM reference_counters").run()
                // when / then: the prefix continues from the stored number, then counts on its own
                #expect(try await Self.next("ZZ-2026-", on: app) == "ZZ-2026-000042")
                #expect(try await Self.next("ZZ-2026-", on: app) == "ZZ-2026-000043")
                // another prefix starts at one
                #expect(try await Self.next("ZZ-2027-", on: app) == "ZZ-2027-000001")
                // a rolled-back transaction gives its number back
                struct Rollback: Error {}
                await #expect(throws: Rollback.self) {
                    try await app.db.transaction { db in
                        _ = try await ReferenceNumber.next("ZZ-2026-", in: \CaseModel.$caseNumber, on: db)
                        throw Rollback()
                    }
                }
                #expect(try await Self.next("ZZ-2026-", on: app) == "ZZ-2026-000044")
                // and new cases keep their own trust's sequence
                let next = try #require(UUID(uuidString: try await api.createCase(as: "si-lege").id))
                let number = try await CaseModel.find(next, on: app.db)?.caseNumber
                #expect(number?.hasPrefix("SI-") == true && number?.hasSuffix("-000001") == true)
            }
        }
    }
}
