import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Issue 18: the desk and CU pages in Norwegian, with no write form for a role that cannot send it.
    @Suite struct DeskPagesTests {
        @Test func readOnlyRolesGetNoWriteForms() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    for username in ["beredskap-analytiker", "si-komite", "si-divisjonsdirektor"] {
                        let reader = RealServerSession(port: port)
                        #expect(try reader.signIn(username, password: DemoPeople.password).status == 303)
                        for path in ["/fritak/ny", "/fritak/notifisering", "/cu/ny?type=cunp", "/cu/ny?type=cup"] {
                            let page = try reader.get(path)
                            #expect(page.status == 403, "\(username) \(path): \(page.status)")
                            #expect(!page.body.contains("<textarea"), "\(username) \(path)")
                        }
                        let lists = try reader.get("/fritak").body + reader.get("/cu").body
                        #expect(!lists.contains("id=\"new-exemption\"") && !lists.contains("id=\"new-cunp\""))
                    }
                    // the analyst is not a trust's employee: the deviation page has no form for them
                    let analyst = RealServerSession(port: port)
                    _ = try analyst.signIn("beredskap-analytiker", password: DemoPeople.password)
                    let deviations = try analyst.get("/avvik").body
                    #expect(!deviations.contains("id=\"deviation-form\""))
                    #expect(deviations.contains("id=\"deviation-read-only\""))
                    // while a trust's physician keeps theirs
                    let physician = RealServerSession(port: port)
                    _ = try physician.signIn("si-lege", password: DemoPeople.password)
                    #expect(try physician.get("/avvik").body.contains("id=\"deviation-form\""))
                    #expect(try physician.get("/cu/ny?type=cunp").status == 200)
                }
            }
        }

        @Test func aRefusedApplicationNeverTakesEffect() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // given: an application starting next month, refused
                let today = app.clock.today
                let submitted = try await ExemptionDeskTests.post(
                    app, api, "/api/v1/exemptions", as: "fastlege",
                    body: ExemptionDeskTests.application([
                        "validFrom": try #require(today.addingDays(30)).iso,
                        "validUntil": try #require(today.addingDays(120)).iso,
                    ]))
                var dto = try #require(submitted.dto, "\(submitted.body)")
                #expect(ExemptionDetailContext.validityTitle(dto.validity, state: dto.state) == "Ikke avgjort")
                dto = try #require(
                    try await ExemptionDeskTests.act(
                        app, api, dto, as: "dmp-saksbehandler", ExemptionDeskTests.assessment
                    )
                    .dto)
                dto = try #require(
                    try await ExemptionDeskTests.act(
                        app, api, dto, as: "dmp-saksbehandler",
                        ["action": "refuse", "reasons": "Tablettene kan knuses og røres ut i vann for barnet."]
                    ).dto)
                #expect(dto.validity == "not_yet_valid", "the period alone has not started")
                try await app.withRealServer { port in
                    for username in ["fastlege", "dmp-saksbehandler"] {
                        let person = RealServerSession(port: port)
                        _ = try person.signIn(username, password: DemoPeople.password)
                        let page = try person.get("/fritak/\(dto.id)").body
                        #expect(page.contains("Ikke innvilget"), "\(username)")
                        #expect(!page.contains("Ikke trådt i kraft"), "\(username)")
                        let list = try person.get("/fritak?liste=all").body
                        #expect(!list.contains("Ikke trådt i kraft"), "\(username) list")
                    }
                }
            }
        }

        @Test func anAbsurdExemptionPeriodIsRefusedOnItsFieldsAndTheFormKeepsItsText() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    let gp = RealServerSession(port: port)
                    #expect(try gp.signIn("fastlege", password: DemoPeople.password).status == 303)
                    let token = try gp.csrf(on: "/fritak/ny")
                    let justification = String(
                        repeating: "Barnet kan ikke svelge tabletter; mikstur er ikke markedsført i Norge, og "
                            + "pårørende har prøvd å knuse tablettene uten å lykkes. ", count: 25)
                    let response = try gp.post(
                        "/fritak",
                        [
                            ("csrf", token), ("scope", "patient"), ("species", "human"),
                            ("patientNIN", APIClient.patientNIN), ("informedConsent", "true"),
                            ("medicineId", "prednisolon-mikstur-in"), ("indication", "J45.9"),
                            ("justification", justification), ("quantity", "3 flasker à 100 ml"),
                            ("validFrom", "01.12.1899"), ("validUntil", "02.12.1899"),
                        ])
                    #expect(response.status == 422, "\(response.status)")
                    #expect(response.body.contains("id=\"validFrom-error\""))
                    #expect(response.body.contains("kan ikke være før 2000"))
                    #expect(response.body.contains("value=\"01.12.1899\""), "the typed date is kept")
                    #expect(response.body.contains("pårørende har prøvd å knuse tablettene"), "the text is kept")
                    #expect(try await ExemptionModel.query(on: app.db).count() == 0, "nothing reaches DMP")
                }
            }
        }
    }
}
