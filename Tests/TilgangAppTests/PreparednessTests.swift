import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Supply preparedness (issue 6) over the API and pages, on a real database: site import all-or-nothing,
    /// least privilege, optimistic locking, the register's ranking, shortages feeding past shortages, proposals
    /// and stranded produced stock.
    @Suite struct PreparednessTests {
        static var sitesCSV: String {
            get throws {
                try String(
                    contentsOf: Fixtures.packageRoot.appendingPathComponent(
                        "Sources/TilgangApp/Resources/production-sites-2020.csv"), encoding: .utf8)
            }
        }

        static func csvHeaders(_ token: String) -> HTTPHeaders {
            ["Content-Type": "text/csv", "Authorization": "Bearer \(token)"]
        }

        static func siteCount(_ app: Application) async throws -> Int {
            try await ProductionSiteModel.query(on: app.db).count()
        }

        @Test func siteImportIsAllOrNothingAndIdempotent() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let analyst = try await APIClient(app: app).token("beredskap-analytiker")
                let csv = try Self.sitesCSV
                // when: the report's file, twice
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/sites/import", headers: Self.csvHeaders(analyst),
                    body: ByteBuffer(string: csv)
                ) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect((try? res.content.decode(SiteImportResult.self)) == SiteImportResult(created: 18))
                }
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/sites/import", headers: Self.csvHeaders(analyst),
                    body: ByteBuffer(string: csv)
                ) { res in
                    #expect((try? res.content.decode(SiteImportResult.self)) == SiteImportResult(unchanged: 18))
                }
                // then: a file that changes line 2 but breaks line 5 changes nothing and names line 5
                var lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
                lines[1] = lines[1].replacingOccurrences(of: "Sykehusapotekene HF", with: "Endret HF")
                lines[4] = lines[4].replacingOccurrences(of: "pharmacy_act", with: "apotekloven")
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/sites/import", headers: Self.csvHeaders(analyst),
                    body: ByteBuffer(string: lines.joined(separator: "\n"))
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("line 5") && res.body.string.contains("licence"))
                }
                #expect(try await Self.siteCount(app) == 18)
                let first = try #require(
                    try await ProductionSiteModel.query(on: app.db).filter(\.$name == "SAO Rikshospitalet").first())
                #expect(first.organisation.hasPrefix("Sykehusapotekene HF"))
                // and only analysts import
                let pharmacist = try await APIClient(app: app).token("si-farmasoyt")
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/sites/import", headers: Self.csvHeaders(pharmacist),
                    body: ByteBuffer(string: csv)
                ) { res in #expect(res.status == .forbidden) }
            }
        }

        @Test func readersReadOnlyAnalystsWriteAndOthersSeeNothing() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let body = try Fixtures.json([
                    "medicineId": "morfin-inj-10mg", "start": "01.10.2026", "cause": "supply_failure",
                ])
                for (user, read, write) in [
                    ("si-lege", HTTPStatus.forbidden, HTTPStatus.forbidden),
                    ("dmp-saksbehandler", .ok, .forbidden), ("hb-farmasoyt", .ok, .forbidden),
                    ("si-admin", .forbidden, .forbidden), ("beredskap-analytiker", .ok, .created),
                ] {
                    let headers = api.headers(try await api.token(user))
                    try await app.testing().test(.GET, "/api/v1/preparedness/shortages", headers: headers) { res in
                        #expect(res.status == read, "\(user) reads")
                    }
                    try await app.testing().test(
                        .POST, "/api/v1/preparedness/shortages", headers: headers, body: body
                    ) { res in #expect(res.status == write, "\(user) writes") }
                }
                try await app.testing().test(.GET, "/api/v1/preparedness/critical-medicines") { res in
                    #expect(res.status == .unauthorized)
                }
                #expect(try await ShortageModel.query(on: app.db).count() == 1)
            }
        }

        @Test func assessmentsRankWithReasonsUnderOptimisticLockingAndWeights() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the two medicines of the documented example
                let api = APIClient(app: app)
                let token = try await api.token("beredskap-analytiker")
                func assess(_ id: String, _ levels: [String: Int], version: Int?) async throws -> (HTTPStatus, String) {
                    var result: (HTTPStatus, String) = (.ok, "")
                    let criteria = levels.mapValues { ["level": $0, "evidence": "grunnlag"] as [String: Any] }
                    try await app.testing().test(
                        .PUT, "/api/v1/preparedness/critical-medicines/\(id)/assessment",
                        headers: api.headers(token, version: version), body: try Fixtures.json(["criteria": criteria])
                    ) { res in result = (res.status, res.body.string) }
                    return result
                }
                for id in ["benzylpenicillin-1g", "morfin-inj-10mg"] {
                    try await app.testing().test(
                        .POST, "/api/v1/preparedness/critical-medicines", headers: api.headers(token),
                        body: try Fixtures.json(["medicineId": id])
                    ) { res in
                        #expect(res.status == .created)
                        #expect(res.headers.first(name: .eTag) == "\"1\"")
                    }
                }
                #expect(
                    try await assess(
                        "benzylpenicillin-1g",
                        [
                            "therapy_tradition": 3, "patient_group_size": 2, "health_consequence": 3,
                            "few_alternatives": 2, "few_mt_holders": 3, "few_api_makers": 2, "shortage_forecast": 1,
                            "expected_duration": 1,
                        ], version: 1
                    ).0 == .ok)
                #expect(
                    try await assess(
                        "morfin-inj-10mg",
                        [
                            "therapy_tradition": 0, "patient_group_size": 2, "health_consequence": 3,
                            "few_alternatives": 2, "few_mt_holders": 2, "few_api_makers": 1, "shortage_forecast": 2,
                            "expected_duration": 3,
                        ], version: 1
                    ).0 == .ok)
                // past shortages come from the register: three for morphine, one for benzylpenicillin
                let shortages = app.shortages
                let analyst = try AuthenticatedUser(
                    try #require(
                        try await UserModel.query(on: app.db).filter(\.$username == "beredskap-analytiker").first()))
                let today = app.clock.today
                for (id, start) in [
                    ("morfin-inj-10mg", "2019-03-04"), ("morfin-inj-10mg", "2023-01-09"),
                    ("morfin-inj-10mg", "2025-05-01"), ("benzylpenicillin-1g", "2022-09-12"),
                ] {
                    _ = try await shortages.record(
                        ShortageInput(medicineId: id, start: start, cause: "supply_failure", actualEnd: start),
                        by: analyst, today: today)
                }
                // when / then: the documented order, with reasons
                var ranking = try await app.criticalMedicines.ranking(today: today)
                #expect(ranking.map(\.medicineId) == ["morfin-inj-10mg", "benzylpenicillin-1g"])
                #expect(ranking.map(\.priority) == [50.2, 48.6])
                #expect(ranking[0].reasons.first?.hasPrefix("Konsekvenser for pasientenes liv og helse") == true)
                let past = try #require(ranking[0].criteria.first { $0.criterion == "past_shortages" })
                #expect(past.level == 3 && past.derived && past.assessedBy == ShortageHistory.assessor)
                // a stale version is refused and nothing is overwritten; a missing one asks for If-Match
                let stale = try await assess("morfin-inj-10mg", ["therapy_tradition": 3], version: 1)
                #expect(stale.0 == .conflict && stale.1.contains("versjon 2"))
                #expect(
                    try await assess("morfin-inj-10mg", ["therapy_tradition": 3], version: nil).0
                        == .preconditionRequired)
                let invalid = try await assess(
                    "morfin-inj-10mg", ["few_api_makers": 7, "past_shortages": 1], version: 2)
                #expect(invalid.0 == .unprocessableEntity)
                #expect(
                    invalid.1.contains("criteria.few_api_makers.level") && invalid.1.contains("criteria.past_shortages")
                )
                // raising the weight of the Norwegian therapy tradition puts benzylpenicillin first
                try await app.testing().test(
                    .PUT, "/api/v1/preparedness/weights", headers: api.headers(token),
                    body: try Fixtures.json(["therapy_tradition": 10])
                ) { res in #expect(res.status == .ok) }
                ranking = try await app.criticalMedicines.ranking(today: today)
                #expect(ranking.map(\.medicineId) == ["benzylpenicillin-1g", "morfin-inj-10mg"])
                #expect(ranking.map(\.priority) == [53.8, 23.6])
                // the other weights kept their values
                #expect(try await app.criticalMedicines.weights()[.healthConsequence] == 3)
                try await app.testing().test(
                    .PUT, "/api/v1/preparedness/weights", headers: api.headers(token),
                    body: try Fixtures.json(["therapy_tradition": 11])
                ) { res in
                    #expect(res.status == .unprocessableEntity && res.body.string.contains("weights.therapy_tradition"))
                }
                // every write is in the audit log
                let actions = try await AuditEntryModel.query(on: app.db).all().map(\.action)
                #expect(actions.filter { $0 == "preparedness.assess" }.count == 2)
                #expect(actions.contains("preparedness.weights"))
            }
        }

        @Test func proposalsCountOnlyUnexpiredStockAndProducedStockIsFlaggedWhenSupplyReturns() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the report's sites, morphine in shortage, API only in an expired batch
                let api = APIClient(app: app)
                let token = try await api.token("beredskap-analytiker")
                _ = try await app.productionSites.importSites(
                    try ProductionSiteCSV.parse(try Self.sitesCSV),
                    by: AuditActor(id: "test", role: "system", trust: "-"))
                let today = app.clock.today
                var shortageID = UUID()
                var version = 0
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/shortages", headers: api.headers(token),
                    body: try Fixtures.json([
                        "medicineId": "morfin-inj-10mg", "start": today.addingDays(-10)!.iso, "cause": "supply_failure",
                        "measures": ["production"],
                    ])
                ) { res in
                    let dto = try res.content.decode(ShortageDTO.self)
                    shortageID = dto.id
                    version = dto.version
                    #expect(dto.active)
                }
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/stock", headers: api.headers(token),
                    body: try Fixtures.json([
                        "holder": "SAV Bergen", "material": "api", "name": "Morfinhydroklorid", "atc": "N02AA01",
                        "quantity": 3, "unit": "kg", "batch": "OLD", "expiresOn": today.addingDays(-1)!.iso,
                    ])
                ) { res in #expect(res.status == .created) }
                // when
                var proposal: ProposalDTO?
                try await app.testing().test(
                    .GET, "/api/v1/preparedness/proposals/morfin-inj-10mg", headers: api.headers(token)
                ) { res in proposal = try res.content.decode(ProposalDTO.self) }
                // then: sterile injection makers only; the expired API never counts
                let result = try #require(proposal)
                #expect(result.inShortage)
                #expect(
                    Set(result.proposal.candidates.map(\.site)) == [
                        "SAO Rikshospitalet", "SAV Bergen", "GE Healthcare", "Curida",
                    ])
                let bergen = try #require(result.proposal.candidates.first { $0.site == "SAV Bergen" })
                #expect(bergen.apiOnHand.isEmpty && bergen.missing.contains { $0.hasPrefix("virkestoff") })
                #expect(
                    result.proposal.excluded.first { $0.site == "Thermo Fisher" }?.reasons.contains(
                        "har ingen tilvirkertillatelse") == true)
                try await app.testing().test(
                    .GET, "/api/v1/preparedness/proposals/finnes-ikke", headers: api.headers(token)
                ) { res in #expect(res.status == .notFound) }
                // produced stock, then the MT product returns: the rest is flagged
                var producedID = UUID()
                try await app.testing().test(
                    .POST, "/api/v1/preparedness/shortages/\(shortageID)/produced", headers: api.headers(token),
                    body: try Fixtures.json([
                        "site": "SAV Bergen", "batch": "P1", "producedOn": today.iso, "quantity": 500, "remaining": 80,
                    ])
                ) { res in
                    #expect(res.status == .created)
                    let dto = try res.content.decode(ProducedBatchDTO.self)
                    producedID = dto.id
                    #expect(!dto.stranded)
                }
                try await app.testing().test(
                    .PUT, "/api/v1/preparedness/shortages/\(shortageID)", headers: api.headers(token, version: version),
                    body: try Fixtures.json([
                        "medicineId": "morfin-inj-10mg", "start": today.addingDays(-10)!.iso, "cause": "supply_failure",
                        "actualEnd": today.iso, "measures": ["production"],
                    ])
                ) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect((try? res.content.decode(ShortageDTO.self))?.active == false)
                }
                let produced = try await app.shortages.produced(today: today)
                #expect(produced.first { $0.id == producedID }?.warning == ProducedBatch.returnedWarning)
                // the second writer with the old version gets 409, and the end stays
                try await app.testing().test(
                    .PUT, "/api/v1/preparedness/shortages/\(shortageID)", headers: api.headers(token, version: version),
                    body: try Fixtures.json([
                        "medicineId": "morfin-inj-10mg", "start": today.addingDays(-10)!.iso, "cause": "demand_shock",
                    ])
                ) { res in #expect(res.status == .conflict) }
                #expect(try await app.shortages.read(shortageID, today: today).actualEnd == today.norwegian)
            }
        }

        @Test func dashboardShowsTheRankingAndForbidsOtherRoles() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the demo register
                try await DemoPreparedness.seed(app, today: app.clock.today)
                let (cookie, _) = try await AuthTests.signIn(app, as: "beredskap-analytiker")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                // when / then
                try await app.testing().test(.GET, "/beredskap", headers: headers) { res in
                    #expect(res.status == .ok)
                    let html = res.body.string
                    #expect(html.contains("id=\"rank-morfin-inj-10mg\" data-rank=\"1\""))
                    #expect(html.contains("id=\"shortage-chart\"") && html.contains("SAV-BP-2210"))
                    #expect(html.contains("50,2"))
                }
                let (other, _) = try await AuthTests.signIn(app, as: "si-lege")
                headers.cookie = ["tilgang-session": .init(string: other)]
                try await app.testing().test(.GET, "/beredskap", headers: headers) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }
    }
}
