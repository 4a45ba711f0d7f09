import Fluent
import Foundation
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
    }
}
