import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Department lists by searching the catalogue (issue 18): the form searches on the server, re-renders with
    /// what was typed, and adds a picked medicine's line; plausible years and quantities; readers see no form.
    @Suite struct DepartmentListSearchTests {
        /// A justification of about 2 000 characters with æøå.
        static let justification = String(
            repeating: "Barn på sengeposten får søvnvansker under lange innleggelser, og melatonin er førstevalg. ",
            count: 23)

        static var typedLines: String {
            "melatonin-3mg-uregistrert; G47.0; 50 pakninger; \(justification)"
        }

        @Test func thePharmacistSearchesPicksAndKeepsWhatWasTyped() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-farmasoyt", password: DemoPeople.password).status == 303)
                    let token = try browser.csrf(on: "/fritak/avdelingslister")
                    let typed: [(String, String)] = [
                        ("csrf", token), ("departmentCode", "SI-MED"), ("year", "2027"), ("lines", Self.typedLines),
                    ]
                    // when: a search by name
                    let search = try browser.post(
                        "/fritak/avdelingslister", typed + [("q", "bedro"), ("action", "search")], chunkSize: 700)
                    // then: the medicines found, each with its own button, and the form as typed
                    #expect(search.status == 200)
                    #expect(search.body.contains("id=\"search-results\""))
                    #expect(search.body.contains("name=\"add\" value=\"bedrocan-urtete\""))
                    #expect(search.body.contains("name=\"add\" value=\"bedrolite-urtete\""))
                    #expect(search.body.contains(Self.justification) && search.body.contains("value=\"bedro\""))
                    #expect(search.body.contains("value=\"2027\"") && search.body.contains("value=\"SI-MED\" selected"))
                    // a search by ATC code; a medicine with Norwegian MT cannot be picked
                    let byATC = try browser.post(
                        "/fritak/avdelingslister", typed + [("q", "A10BJ06"), ("action", "search")])
                    #expect(byATC.body.contains("name=\"add\" value=\"ozempic-1mg-dansk\""))
                    #expect(!byATC.body.contains("name=\"add\" value=\"ozempic-1mg\""))
                    #expect(byATC.body.contains("har norsk MT"))
                    // when: one is picked
                    let added = try browser.post(
                        "/fritak/avdelingslister", typed + [("q", "bedro"), ("add", "bedrolite-urtete")], chunkSize: 700
                    )
                    // then: its line follows what was typed, and the names of the list's medicines are shown
                    #expect(added.status == 200)
                    #expect(added.body.contains(Self.justification + "\nbedrolite-urtete; ; ; "))
                    #expect(added.body.contains("bedrolite-urtete: Bedrolite urtete"))
                    #expect(added.body.contains("melatonin-3mg-uregistrert: Melatonin 3 mg (uregistrert)"))
                    #expect(try await DepartmentListModel.query(on: app.db).count() == 0, "nothing is saved yet")
                    // and the completed list is saved
                    let lines = Self.typedLines + "\nbedrolite-urtete; G40.9; 3 pakninger; Epilepsi hos barn, ÆØÅ"
                    let saved = try browser.post(
                        "/fritak/avdelingslister",
                        [("csrf", token), ("departmentCode", "SI-MED"), ("year", "2027"), ("lines", lines)],
                        chunkSize: 700)
                    #expect(saved.status == 303, "\(saved.status): \(saved.body.prefix(300))")
                    let list = try #require(try await DepartmentListModel.query(on: app.db).first())
                    #expect(
                        try DepartmentListService.items(list).map(\.medicineId) == [
                            "melatonin-3mg-uregistrert", "bedrolite-urtete",
                        ])
                }
            }
        }

        @Test func implausibleYearsAndQuantitiesAreNamedInNorwegian() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-farmasoyt", password: DemoPeople.password).status == 303)
                    let token = try browser.csrf(on: "/fritak/avdelingslister")
                    let response = try browser.post(
                        "/fritak/avdelingslister",
                        [
                            ("csrf", token), ("departmentCode", "SI-MED"), ("year", "1899"),
                            ("lines", "melatonin-3mg-uregistrert; G47.0; -50 pakninger; \(Self.justification)"),
                        ])
                    #expect(response.status == 422)
                    let year = app.clock.today.year
                    #expect(response.body.contains("År: oppgi \(year) eller \(year + 1)"))
                    #expect(response.body.contains("Linje 1 (Mengde): kan ikke være negativ"))
                    #expect(!response.body.contains("(quantity)") && !response.body.contains("year:"))
                    #expect(response.body.contains(Self.justification))
                }
            }
        }

        @Test func readersSeeNoListForm() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                for reader in ["dmp-saksbehandler", "si-avdelingsleder"] {
                    let (cookie, _) = try await AuthTests.signIn(app, as: reader)
                    var headers = HTTPHeaders()
                    headers.cookie = ["tilgang-session": .init(string: cookie)]
                    try await app.testing().test(.GET, "/fritak/avdelingslister", headers: headers) { res in
                        #expect(res.status == .ok)
                        #expect(!res.body.string.contains("id=\"department-list-form\""), "\(reader)")
                        #expect(!res.body.string.contains("id=\"catalogue-search\""), "\(reader)")
                    }
                }
            }
        }
    }
}
