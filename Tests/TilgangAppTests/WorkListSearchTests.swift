import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct WorkListSearchTests {
        static func numbers(_ app: Application, _ api: APIClient, as username: String, query: String) async throws
            -> (status: HTTPStatus, numbers: [String], body: String)
        {
            var result: (HTTPStatus, [String], String) = (.ok, [], "")
            try await app.testing().test(
                .GET, "/api/v1/cases?\(query)", headers: api.headers(try await api.token(username))
            ) { res in
                result = (
                    res.status, (try? res.content.decode([CaseSummaryDTO].self).map(\.caseNumber)) ?? [],
                    res.body.string
                )
            }
            return result
        }

        /// A whole case number finds that case, through the unique index; not a case whose medicine or applicant is
        /// named with it (the list's pages in SQL and the search in Swift agree on that).
        @Test func aWholeCaseNumberFindsOnlyThatCase() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (first, _) = try await api.createCase(as: "si-lege")
                let (second, _) = try await api.createCase(as: "si-lege")
                let number = try #require(try await CaseModel.find(UUID(uuidString: first), on: app.db)?.caseNumber)
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw(
                    "UPDATE cases SET medicine_name = \(bind: "Navn med \(number) i") WHERE id = \(bind: UUID(uuidString: second))"
                ).run()
                for list in ["unit", "todo"] {
                    let found = try await Self.numbers(
                        app, api, as: "si-lege", query: "list=\(list)&q=\(number.lowercased())")
                    #expect(found.status == .ok)
                    #expect(found.numbers == [number], "\(list): \(found.numbers)")
                }
                // Part of a number still searches every column.
                let part = try await Self.numbers(
                    app, api, as: "si-lege", query: "list=unit&q=med%20\(number.lowercased())")
                #expect(part.numbers.count == 1)
            }
        }

        @Test func searchByCaseNumberMedicineStatusAndDate() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: two drafts and one submitted case of si-lege
                let api = APIClient(app: app)
                let (first, v1) = try await api.createCase(as: "si-lege")
                _ = try await api.createCase(as: "si-lege")
                _ = try await api.act("submit", on: first, version: v1, as: "si-lege")
                let all = try await Self.numbers(app, api, as: "si-lege", query: "list=unit")
                #expect(all.numbers.count == 2)
                let firstNumber = try #require(
                    try await CaseModel.find(UUID(uuidString: first), on: app.db)?.caseNumber)
                let today = app.clock.today
                let tomorrow = try #require(today.addingDays(1))
                // when / then
                #expect(
                    try await Self.numbers(app, api, as: "si-lege", query: "list=unit&q=\(firstNumber.lowercased())")
                        .numbers == [firstNumber])
                #expect(
                    try await Self.numbers(app, api, as: "si-lege", query: "list=unit&state=department_review")
                        .numbers == [firstNumber])
                let medicine = try #require(try await CaseModel.find(UUID(uuidString: first), on: app.db)?.medicineName)
                let byMedicine = try await Self.numbers(
                    app, api, as: "si-lege",
                    query: "list=unit&q="
                        + (medicine.prefix(5).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(byMedicine.numbers.count == 2)
                #expect(
                    try await Self.numbers(
                        app, api, as: "si-lege", query: "list=unit&from=\(today.iso)&to=\(today.iso)"
                    )
                    .numbers.count == 2)
                #expect(
                    try await Self.numbers(app, api, as: "si-lege", query: "list=unit&from=\(tomorrow.iso)").numbers
                        .isEmpty)
                #expect(
                    try await Self.numbers(app, api, as: "si-lege", query: "list=unit&q=finnes-ikke").numbers.isEmpty)
                // the database matches plain text in any case, by applicant too; LIKE's wildcards are only text
                for (query, count) in [("LISE", 2), ("lege%20(si)", 2), ("%5F", 0), ("%25", 0), ("l%C3%98se", 0)] {
                    #expect(
                        try await Self.numbers(app, api, as: "si-lege", query: "list=unit&q=\(query)").numbers.count
                            == count, "\(query)")
                }
                #expect(
                    try await Self.numbers(app, api, as: "si-lege", query: "list=todo&q=\(firstNumber)").numbers
                        .isEmpty)
            }
        }

        /// Issue 20: a search that matches few cases is answered through the trigram index (SQLite: an FTS5
        /// table kept by triggers; PostgreSQL: pg_trgm). The index must follow every change of the searched columns,
        /// and a search must find exactly what matching every row finds.
        @Test func theSearchIndexFollowsChangesOfTheSearchedColumns() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (first, _) = try await api.createCase(as: "si-lege")
                let (second, _) = try await api.createCase(as: "si-lege")
                let sql = try #require(app.db as? any SQLDatabase)
                let secondNumber = try #require(
                    try await CaseModel.find(UUID(uuidString: second), on: app.db)?.caseNumber)
                func found(_ text: String) async throws -> [String] {
                    try await Self.numbers(app, api, as: "si-lege", query: "list=unit&q=\(text)").numbers
                }
                // when: the medicine of one case changes and the other case is deleted
                try await sql.raw(
                    "UPDATE cases SET medicine_name = 'Qwertazin mikstur' WHERE id = \(bind: UUID(uuidString: first))"
                ).run()
                #expect(try await found("qwertazin").count == 1)
                #expect(try await found("QWERTAZIN%20MIK").count == 1)
                #expect(try await found(secondNumber).count == 1)
                try await sql.raw("DELETE FROM cases WHERE id = \(bind: UUID(uuidString: second))").run()
                // then: the index has the new name, not the deleted case
                #expect(try await found(secondNumber).isEmpty)
                #expect(try await found("qwertazin").count == 1)
                // and short texts (fewer than three characters, below the trigram index) are still matched
                #expect(try await found("qw").count == 1)
                if sql.dialect.name == "sqlite" {
                    let indexed = try await sql.raw(
                        "SELECT count(*) AS n FROM cases_search WHERE cases_search MATCH '\"qwertazin\"'"
                    ).first()?.decode(column: "n", as: Int.self)
                    #expect(indexed == 1)
                }
            }
        }

        @Test func badSearchFieldsAreNamed() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let bad = try await Self.numbers(
                    app, api, as: "si-lege", query: "list=unit&state=ukjent&from=31.02.2026&to=2026-01-01")
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.contains("\"state\"") && bad.body.contains("\"from\""))
            }
        }

        @Test func theWorkListPageSearchesAndExplainsABadDate() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                let number = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db)?.caseNumber)
                let (cookie, _) = try await DatabaseTests.AuthTests.signIn(app, as: "si-lege")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/saker?liste=unit&q=\(number)", headers: headers) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(number))
                }
                try await app.testing().test(.GET, "/saker?liste=unit&q=annet", headers: headers) { res in
                    #expect(!res.body.string.contains(number))
                }
                try await app.testing().test(.GET, "/saker?liste=unit&fra=99.99.2026", headers: headers) { res in
                    #expect(res.body.string.contains("id=\"search-error\""))
                    #expect(res.body.string.contains("Opprettet fra"))
                }
            }
        }

        @Test func workListsComeInPagesNewestFirstWithoutOverlap() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: five drafts of si-lege
                let api = APIClient(app: app)
                for _ in 0..<5 { _ = try await api.createCase(as: "si-lege") }
                let all = try await Self.numbers(app, api, as: "si-lege", query: "list=unit").numbers
                #expect(all.count == 5)
                #expect(all == all.sorted(by: >))
                // when: pages of two, in the database and (with a free-text search) after it
                for search in ["", "&q=SI-"] {
                    var pages: [[String]] = []
                    for offset in stride(from: 0, through: 6, by: 2) {
                        pages.append(
                            try await Self.numbers(
                                app, api, as: "si-lege", query: "list=unit&limit=2&offset=\(offset)\(search)"
                            ).numbers)
                    }
                    // then
                    #expect(pages.map(\.count) == [2, 2, 1, 0], "\(search)")
                    #expect(pages.flatMap { $0 } == all, "\(search)")
                }
                // and bad paging is named
                let zero = try await Self.numbers(app, api, as: "si-lege", query: "list=unit&limit=0")
                #expect(zero.status == .unprocessableEntity && zero.body.contains("limit"))
                let negative = try await Self.numbers(app, api, as: "si-lege", query: "list=unit&offset=-1")
                #expect(negative.status == .unprocessableEntity && negative.body.contains("offset"))
            }
        }

        /// A department head reads their own cases and the department's submitted ones: in pages the list is one
        /// union of newest-first branches, and must equal the single query a search runs, without duplicates.
        @Test func pagesOfSeveralAccessRulesMergeWithoutDuplicates() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: three submitted cases of si-lege's, two drafts and one submitted case of the head's own
                // (that one matches both rules)
                let api = APIClient(app: app)
                for _ in 0..<3 {
                    let created = try await api.createCase(as: "si-lege")
                    #expect(
                        try await api.act("submit", on: created.id, version: created.version, as: "si-lege").status
                            == .ok)
                }
                _ = try await api.createCase(as: "si-lege")  // a draft: not the head's to see
                for _ in 0..<2 { _ = try await api.createCase(as: "si-avdelingsleder") }
                let own = try await api.createCase(as: "si-avdelingsleder")
                #expect(
                    try await api.act("submit", on: own.id, version: own.version, as: "si-avdelingsleder").status == .ok
                )
                // when: the whole list (one page, in SQL), the list after a search (in Swift) and pages of two
                let all = try await Self.numbers(app, api, as: "si-avdelingsleder", query: "list=unit").numbers
                let searched = try await Self.numbers(app, api, as: "si-avdelingsleder", query: "list=unit&q=SI-")
                    .numbers
                var pages: [[String]] = []
                for offset in stride(from: 0, through: 6, by: 2) {
                    pages.append(
                        try await Self.numbers(
                            app, api, as: "si-avdelingsleder", query: "list=unit&limit=2&offset=\(offset)"
                        ).numbers)
                }
                // then
                #expect(all.count == 6)
                #expect(Set(all).count == all.count)
                #expect(all == all.sorted(by: >))
                #expect(searched == all)
                #expect(pages.map(\.count) == [2, 2, 2, 0])
                #expect(pages.flatMap { $0 } == all)
            }
        }

        @Test func theWorkListPageLinksToTheNextAndPreviousHundred() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: 101 drafts
                let api = APIClient(app: app)
                for _ in 0..<101 { _ = try await api.createCase(as: "si-lege") }
                let oldest = try #require(
                    try await CaseModel.query(on: app.db).sort(\.$caseNumber).first()?.caseNumber)
                let (cookie, _) = try await DatabaseTests.AuthTests.signIn(app, as: "si-lege")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                // then: the first page has a hundred and a link on, the second the oldest and a link back
                try await app.testing().test(.GET, "/saker?liste=unit", headers: headers) { res in
                    let body = res.body.string
                    #expect(body.components(separatedBy: "class=\"case-link\"").count - 1 == 100)
                    #expect(body.contains("id=\"next-page\"") && body.contains("side=2"))
                    #expect(!body.contains("id=\"previous-page\"") && !body.contains(oldest))
                }
                for silly in ["0", "-3", "x", "\(Int.max)"] {
                    try await app.testing().test(.GET, "/saker?liste=unit&side=\(silly)", headers: headers) { res in
                        #expect(res.status == .ok, "side=\(silly)")
                    }
                }
                try await app.testing().test(.GET, "/saker?liste=unit&side=2", headers: headers) { res in
                    let body = res.body.string
                    #expect(body.components(separatedBy: "class=\"case-link\"").count - 1 == 1)
                    #expect(body.contains(oldest) && body.contains("id=\"previous-page\""))
                    #expect(!body.contains("id=\"next-page\""))
                }
            }
        }
    }
}
