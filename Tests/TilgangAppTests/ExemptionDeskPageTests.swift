import Fluent
import Foundation
import SQLKit
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Issue 20: the desk's lists are read as pages in the database (ten years are 2.6 million exemptions). Every
    /// list, filter and page must hold exactly what reading every row and filtering it (the CSV export's way)
    /// holds, for the agency, a pharmacy and an applicant.
    @Suite struct ExemptionDeskPageTests {
        @Test func pagesFromTheDatabaseAgreeWithReadingEveryRow() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                typealias Desk = DatabaseTests.ExemptionDeskTests
                // given: applications from a GP, notifications from both trusts' pharmacies (æøå in the texts)
                for n in 0..<5 {
                    let sent = try await Desk.post(
                        app, api, "/api/v1/exemptions", as: "fastlege",
                        body: Desk.application([
                            "justification": "Søknad \(n): barnet kan ikke svelge tabletter; ingen mikstur på det "
                                + "norske markedet (æøå)."
                        ]))
                    #expect(sent.status == .created, "\(sent.body)")
                }
                for (pharmacist, prescriber) in [("si-farmasoyt", "Åse Ødegård"), ("hb-farmasoyt", "Frode Fastlege")] {
                    for _ in 0..<3 {
                        let sent = try await Desk.post(
                            app, api, "/api/v1/notifications", as: pharmacist,
                            body: Desk.application([
                                "medicineId": "imovane-7-5mg", "indication": "G47.0", "prescriberName": prescriber,
                                "prescriberHPR": "9300001",
                            ]))
                        #expect(sent.status == .created, "\(sent.body)")
                    }
                }
                let request = Request(application: app, on: app.eventLoopGroup.any())
                let service = request.exemptions
                let today = app.clock.today
                let queries: [ExemptionQueueFilter.Query] = [
                    .init(), .init(q: "prednisolon"), .init(q: "DMP-"), .init(q: "not-"), .init(q: "ødegård"),
                    .init(q: "frode fastlege"), .init(q: "finnes ikke"), .init(q: "_"), .init(state: "notified"),
                    .init(state: "submitted"), .init(from: today.iso, to: today.iso), .init(overdue: true),
                    .init(limit: 2), .init(limit: 2, offset: 2), .init(limit: 4, offset: 3),
                    .init(q: "e", limit: 3, offset: 1),
                ]
                for username in ["dmp-saksbehandler", "si-farmasoyt", "hb-farmasoyt", "fastlege", "si-lege"] {
                    let model = try #require(
                        try await UserModel.query(on: app.db).filter(\.$username == username).first())
                    let user = try AuthenticatedUser(model)
                    for list in [ExemptionService.DeskList.todo, .all, .decided] {
                        let every = try await service.list(list, for: user, today: today)
                        for query in queries {
                            let filter = try ExemptionQueueFilter(query)
                            let paged = try await service.page(list, matching: filter, for: user, today: today)
                            #expect(
                                paged.map(\.reference) == filter.page(every).map(\.reference),
                                "\(username) \(list) \(query)")
                        }
                    }
                }
                // and the pages tile the whole list, newest first, without overlap
                let officerModel = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "dmp-saksbehandler").first())
                let officer = try AuthenticatedUser(officerModel)
                var tiled: [String] = []
                for offset in stride(from: 0, to: 12, by: 4) {
                    tiled += try await service.page(
                        .all, matching: try ExemptionQueueFilter(.init(limit: 4, offset: offset)), for: officer,
                        today: today
                    ).map(\.reference)
                }
                #expect(tiled.count == 11 && Set(tiled).count == 11)
                // and the year's counts come from the database
                let counts = try await service.counts(year: today.year, by: officer)
                #expect(counts.agencyApplications == 5 && counts.pending == 5 && counts.notifications == 6)
                #expect(try await service.counts(year: today.year - 1, by: officer).notifications == 0)
                // and so are the statistics page's applications per year
                let perYear = try await app.statistics.applicationsPerYear()
                #expect(perYear.map(\.year) == [today.year] && perYear.map(\.species) == ["human"])
                #expect(perYear.first?.received == ReportedCount(people: 5))
                #expect(perYear.first?.notifications == ReportedCount(people: 6))
                #expect(perYear.first?.agencyDecided == ReportedCount(people: 0))
            }
        }

        /// Issue 20: the year's counts are kept on write; after submissions, notifications and every kind of
        /// step they must equal counting the rows, and a conflicting (refused) write must not count.
        @Test func countsKeptOnWriteEqualCountingTheRows() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                typealias Desk = DatabaseTests.ExemptionDeskTests
                var sent: [ExemptionDTO] = []
                for n in 0..<4 {
                    let posted = try await Desk.post(
                        app, api, "/api/v1/exemptions", as: "fastlege",
                        body: Desk.application(["justification": "Søknad \(n): ingen flytende form (æøå)."]))
                    sent.append(try #require(posted.dto, "\(posted.body)"))
                }
                let notified = try await Desk.post(
                    app, api, "/api/v1/notifications", as: "si-farmasoyt",
                    body: Desk.application([
                        "medicineId": "imovane-7-5mg", "indication": "G47.0", "prescriberName": "Åse Ødegård",
                        "prescriberHPR": "9300001",
                    ]))
                #expect(notified.status == .created, "\(notified.body)")
                let officer = "dmp-saksbehandler"
                // one approved, one refused and appealed, one only assessed, one untouched
                var approved = try #require(try await Desk.act(app, api, sent[0], as: officer, Desk.assessment).dto)
                approved = try #require(
                    try await Desk.act(app, api, approved, as: officer, ["action": "approve", "reasons": "Ja"]).dto)
                var refused = try #require(try await Desk.act(app, api, sent[1], as: officer, Desk.assessment).dto)
                refused = try #require(
                    try await Desk.act(
                        app, api, refused, as: officer,
                        ["action": "refuse", "reasons": "Tabletter kan knuses og gis i vann for dette barnet."]
                    ).dto)
                _ = try #require(
                    try await Desk.act(
                        app, api, refused, as: "fastlege", ["action": "appeal", "grounds": "Kaster opp."]
                    )
                    .dto)
                _ = try #require(try await Desk.act(app, api, sent[2], as: officer, Desk.assessment).dto)
                // a step on a stale version is refused and changes no count
                let stale = try await Desk.act(app, api, sent[0], as: officer, ["action": "refuse", "reasons": "Nei"])
                #expect(stale.status == .conflict || stale.status == .preconditionFailed, "\(stale.body)")

                let sql = try #require(app.db as? any SQLDatabase)
                let kept = try await ExemptionYearCounts(sql: sql).rows()
                    .map { "\($0.year) \($0.species) \($0.kind) \($0.state) \($0.count)" }.sorted()
                let counted = try await sql.raw(
                    """
                    SELECT CAST(substr(reference, 5, 4) AS INTEGER) AS year, species, kind, state, count(*) AS n
                    FROM exemptions GROUP BY 1, 2, 3, 4
                    """
                ).all().map {
                    "\(try $0.decode(column: "year", as: Int.self)) \(try $0.decode(column: "species", as: String.self)) "
                        + "\(try $0.decode(column: "kind", as: String.self)) "
                        + "\(try $0.decode(column: "state", as: String.self)) \(try $0.decode(column: "n", as: Int.self))"
                }.sorted()
                #expect(kept == counted)
                let year = app.clock.today.year
                #expect(
                    kept.contains("\(year) human agency_application approved 1")
                        && kept.contains("\(year) human agency_application appealed 1")
                        && kept.contains("\(year) human notification notified 1"), "\(kept)")
                let officerModel = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == officer).first())
                let counts = try await Request(application: app, on: app.eventLoopGroup.any()).exemptions.counts(
                    year: year, by: try AuthenticatedUser(officerModel))
                #expect(counts.agencyApplications == 4 && counts.approved == 1 && counts.notifications == 1)
            }
        }
    }
}
