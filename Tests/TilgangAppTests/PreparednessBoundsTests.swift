import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Plausible dates and numbers on the preparedness pages (issue 18), errors named by the field's Norwegian
    /// label with the input kept, a chart of sane size whatever is stored, and no write form for readers.
    @Suite struct PreparednessBoundsTests {
        /// A note of about 3 000 characters with æøå, as an analyst writes one.
        static let note = String(
            repeating: "Leverandøren i Østerrike melder forsinkelse på grunn av mangel på råvare; vi følger opp. ",
            count: 34)

        static func seeded(_ test: @escaping (Application, RealServerSession) async throws -> Void) async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await DemoPreparedness.seed(app, today: app.clock.today)
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("beredskap-analytiker", password: DemoPeople.password).status == 303)
                    try await test(app, browser)
                }
            }
        }

        @Test func aShortageFromYearOneToYear9999IsNamedByItsLabelsAndTheInputKept() async throws {
            try await Self.seeded { app, browser in
                let before = try await ShortageModel.query(on: app.db).count()
                let token = try browser.csrf(on: "/beredskap/mangler/ny")
                // when
                let response = try browser.post(
                    "/beredskap/mangler",
                    [
                        ("csrf", token), ("medicineId", "morfin-inj-10mg"), ("start", "01.01.0001"),
                        ("cause", "supply_failure"), ("expectedEnd", "01.01.9999"), ("actualEnd", ""),
                        ("affectedProducts", "465112"), ("note", Self.note),
                    ], chunkSize: 700)
                // then
                #expect(response.status == 422)
                let html = response.body
                #expect(html.contains("Start: kan ikke være før 01.01.2000"))
                let latest = PreparednessBounds.latest(today: app.clock.today).norwegian
                #expect(html.contains("Forventet slutt: kan ikke være etter \(latest) (10 år fram i tid)"))
                #expect(!html.contains("expectedEnd:") && !html.contains("start:"), "no internal field names")
                #expect(html.contains("value=\"01.01.0001\"") && html.contains("value=\"01.01.9999\""))
                #expect(html.contains(Self.note), "the note is kept to the last character")
                #expect(try await ShortageModel.query(on: app.db).count() == before)
            }
        }

        @Test func stockAndBatchQuantitiesOutsideTheBoundsAreNamed() async throws {
            try await Self.seeded { app, browser in
                let token = try browser.csrf(on: "/beredskap/lager")
                for (typed, message, expiry) in [
                    ("-5", "Mengde: kan ikke være negativ", "01.01.2030"),
                    ("1000000000000", "Mengde: kan ikke være over 100 000 000", "01.01.2030"),
                    ("mye", "Mengde: må være et tall, 0 eller mer", "01.01.9999"),
                ] {
                    let response = try browser.post(
                        "/beredskap/lager",
                        [
                            ("csrf", token), ("holder", StockItem.nationalStore), ("material", "api"),
                            ("name", "Morfinhydroklorid, råvare fra Østerrike"), ("atc", "N02AA01"),
                            ("quantity", typed),
                            ("unit", "kg"), ("batch", "ØST-2291"), ("expiresOn", expiry),
                        ])
                    #expect(response.status == 422, "\(typed)")
                    #expect(response.body.contains(message), "\(typed): \(message)")
                    if expiry.hasSuffix("9999") {
                        #expect(response.body.contains("Holdbar til: kan ikke være etter"))
                    }
                    #expect(response.body.contains("value=\"\(typed)\""), "the quantity is kept")
                    #expect(response.body.contains("value=\"ØST-2291\""))
                }
                // a batch produced in the future, or of an absurd size, on the shortage page
                let shortage = try #require(try await ShortageModel.query(on: app.db).first())
                let path = "/beredskap/mangler/\(try shortage.requireID())"
                let page = try browser.csrf(on: path)
                let response = try browser.post(
                    "\(path)/produsert",
                    [
                        ("csrf", page), ("site", "SAV Bergen"), ("batch", "BRG-ÆØÅ-1"), ("producedOn", "01.01.9999"),
                        ("quantity", "500000000"), ("remaining", "to"),
                    ])
                #expect(response.status == 422)
                #expect(response.body.contains("Igjen: oppgi et heltall"))
                #expect(response.body.contains("value=\"BRG-ÆØÅ-1\"") && response.body.contains("value=\"to\""))
                let again = try browser.post(
                    "\(path)/produsert",
                    [
                        ("csrf", page), ("site", "SAV Bergen"), ("batch", "BRG-ÆØÅ-1"), ("producedOn", "01.01.9999"),
                        ("quantity", "500000000"), ("remaining", ""),
                    ])
                #expect(again.status == 422)
                #expect(again.body.contains("Produsert: kan ikke være etter"))
            }
        }

        @Test func theChartKeepsItsSizeWhateverIsStored() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await DemoPreparedness.seed(app, today: app.clock.today)
                // given: shortages stored before the bounds, from year 1 and to year 9999
                for start in ["0001-01-01", "9999-01-01", "1899-12-01"] {
                    let model = ShortageModel()
                    model.medicineID = "morfin-inj-10mg"
                    model.start = start
                    model.cause = "supply_failure"
                    model.expectedEnd = "9999-01-01"
                    model.affectedProducts = ""
                    model.measures = ""
                    model.note = ""
                    model.version = 1
                    model.recordedBy = "Gammel import"
                    try await model.create(on: app.db)
                }
                let (cookie, _) = try await AuthTests.signIn(app, as: "beredskap-analytiker")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/beredskap", headers: headers) { res in
                    #expect(res.status == .ok)
                    let html = res.body.string
                    let marker = try #require(html.range(of: "id=\"shortage-chart\""))
                    let width = html[marker.upperBound...].split(separator: "\"")[5]
                    let limit = PreparednessBounds.chartYears * 44 + 20
                    #expect((Int(width) ?? .max) <= limit, "chart width \(width)")
                    #expect(html.components(separatedBy: "data-year=").count - 1 <= PreparednessBounds.chartYears)
                }
            }
        }

        @Test func readersSeeNoWriteForms() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await DemoPreparedness.seed(app, today: app.clock.today)
                let shortage = try #require(try await ShortageModel.query(on: app.db).first()).id!
                let site = try #require(try await ProductionSiteModel.query(on: app.db).first()).id!
                let medicine = try #require(try await CriticalMedicineModel.query(on: app.db).first()).medicineID
                let paths = [
                    "/beredskap", "/beredskap/steder", "/beredskap/steder/\(site)", "/beredskap/lager",
                    "/beredskap/vekter", "/beredskap/legemidler/\(medicine)", "/beredskap/mangler/\(shortage)",
                ]
                for reader in ["dmp-saksbehandler", "si-farmasoyt"] {
                    let (cookie, _) = try await AuthTests.signIn(app, as: reader)
                    var headers = HTTPHeaders()
                    headers.cookie = ["tilgang-session": .init(string: cookie)]
                    for path in paths {
                        try await app.testing().test(.GET, path, headers: headers) { res in
                            #expect(res.status == .ok, "\(reader) \(path)")
                            #expect(!res.body.string.contains("method=\"post\""), "\(reader) sees a form on \(path)")
                        }
                    }
                    try await app.testing().test(.GET, "/beredskap/mangler/ny", headers: headers) { res in
                        #expect(res.status == .forbidden, "\(reader) is not shown the shortage form")
                    }
                }
                // the analyst still has them
                let (cookie, _) = try await AuthTests.signIn(app, as: "beredskap-analytiker")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/beredskap/steder/\(site)", headers: headers) { res in
                    #expect(res.body.string.contains("id=\"site-form\""))
                }
            }
        }
    }
}
