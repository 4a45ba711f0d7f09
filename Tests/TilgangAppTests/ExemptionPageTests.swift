import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// The exemption pages work without JavaScript: form with field errors, the desk's actions, the warning.
    @Suite struct ExemptionPageTests {
        static func session(_ app: Application, as username: String) async throws -> (HTTPHeaders, String) {
            let (cookie, csrf) = try await DatabaseTests.AuthTests.signIn(app, as: username)
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.cookie = ["tilgang-session": .init(string: cookie)]
            return (headers, csrf)
        }

        /// The desk's page shows 100 rows a page with links on (it showed the first 500 and no more): a queue of
        /// 101 open applications is two pages, the oldest first, and the search is kept in the links.
        @Test func theDesksListComesInPagesOfAHundred() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                typealias Desk = DatabaseTests.ExemptionDeskTests
                var references: [String] = []
                for n in 0..<101 {
                    let sent = try await Desk.post(
                        app, api, "/api/v1/exemptions", as: "fastlege",
                        body: Desk.application(["justification": "Søknad \(n): kan ikke svelge tabletter (æøå)."]))
                    references.append(try #require(sent.dto?.reference, "\(sent.body)"))
                }
                let (officer, _) = try await Self.session(app, as: "dmp-saksbehandler")
                func shown(_ path: String) async throws -> (references: [String], body: String) {
                    var body = ""
                    try await app.testing().test(.GET, path, headers: officer) { res in
                        #expect(res.status == .ok)
                        body = res.body.string
                    }
                    let found = references.filter { body.contains(">\($0)</a>") }
                    return (found, body)
                }
                let first = try await shown("/fritak")
                #expect(first.references == Array(references.prefix(100)))
                #expect(first.body.contains("id=\"next-page\"") && !first.body.contains("id=\"previous-page\""))
                #expect(first.body.contains("href=\"/fritak?liste=todo&amp;side=2\""))
                let second = try await shown("/fritak?liste=todo&side=2")
                #expect(second.references == [references[100]])
                #expect(second.body.contains("id=\"previous-page\"") && !second.body.contains("id=\"next-page\""))
                // a search is kept from page to page; a bad page number shows the first page
                let searched = try await shown("/fritak?liste=all&q=dmp-")
                #expect(searched.body.contains("href=\"/fritak?liste=all&amp;q=dmp-&amp;side=2\""))
                #expect(try await shown("/fritak?side=-4").references == Array(references.prefix(100)))
            }
        }

        @Test func aGPAppliesWithTheFormAndTheOfficerAssessesAndRefuses() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let today = app.clock.today
                let (gp, gpCSRF) = try await Self.session(app, as: "fastlege")
                var form: [String: String] = [
                    "csrf": gpCSRF, "applicantKind": "general_practitioner", "scope": "patient", "species": "human",
                    "patientNIN": "123", "informedConsent": "true", "medicineId": "prednisolon-mikstur-in",
                    "indication": "J45.9", "justification": "Kan ikke svelge tabletter", "quantity": "3 flasker",
                    "validFrom": today.norwegian, "validUntil": today.addingDays(60)?.norwegian ?? "",
                    "patientsStudied": "",
                ]
                try await app.testing().test(
                    .POST, "/fritak", headers: gp, body: DatabaseTests.AuthTests.post(form)
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("id=\"patientNIN-error\""))
                }
                form["patientNIN"] = APIClient.patientNIN
                var location = ""
                try await app.testing().test(
                    .POST, "/fritak", headers: gp, body: DatabaseTests.AuthTests.post(form)
                ) { res in
                    #expect(res.status == .seeOther)
                    location = res.headers.first(name: .location) ?? ""
                }
                #expect(location.hasPrefix("/fritak/"))
                let model = try #require(try await ExemptionModel.query(on: app.db).first())
                // the officer sees it on the desk, assesses and refuses on the page
                let (officer, csrf) = try await Self.session(app, as: "dmp-saksbehandler")
                try await app.testing().test(.GET, "/fritak", headers: officer) { res in
                    #expect(res.body.string.contains(model.reference))
                    #expect(res.body.string.contains("id=\"exemption-counts\""))
                }
                try await app.testing().test(.GET, location, headers: officer) { res in
                    #expect(res.body.string.contains("id=\"do-assess\""))
                    #expect(!res.body.string.contains(APIClient.patientNIN))
                }
                let assess = [
                    "csrf": csrf, "version": "1", "action": "assess", "professionalSoundness": "Forsvarlig",
                    "documentationLevel": "God", "risk": "Lav", "alternatives": "Ingen", "followUpAbility": "God",
                ]
                try await app.testing().test(
                    .POST, "\(location)/handling", headers: officer, body: DatabaseTests.AuthTests.post(assess)
                ) { res in #expect(res.status == .seeOther) }
                let refuse = ["csrf": csrf, "version": "2", "action": "refuse", "reasons": "Alternativ finnes."]
                try await app.testing().test(
                    .POST, "\(location)/handling", headers: officer, body: DatabaseTests.AuthTests.post(refuse)
                ) { res in #expect(res.status == .seeOther) }
                // the GP sees the refusal and the appeal form
                try await app.testing().test(.GET, location, headers: gp) { res in
                    #expect(res.body.string.contains("data-state=\"refused\""))
                    #expect(res.body.string.contains("id=\"do-appeal\""))
                }
            }
        }
    }
}

extension DatabaseTests {
    @Suite struct ExemptionQueuePageTests {
        /// The desk's search on the page: a bad date is named beside the form, a search narrows the list.
        @Test func theOfficerSearchesTheQueueOnThePage() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let sent = try await DatabaseTests.ExemptionDeskTests.post(
                    app, api, "/api/v1/exemptions", as: "fastlege", body: DatabaseTests.ExemptionDeskTests.application()
                )
                let reference = try #require(sent.dto?.reference)
                let (cookie, _) = try await DatabaseTests.AuthTests.signIn(app, as: "dmp-saksbehandler")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                // when / then
                try await app.testing().test(.GET, "/fritak?liste=todo&q=\(reference)", headers: headers) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(reference) && res.body.string.contains("id=\"exemption-search\""))
                }
                try await app.testing().test(.GET, "/fritak?liste=todo&q=finnes-ikke", headers: headers) { res in
                    #expect(!res.body.string.contains(reference))
                }
                try await app.testing().test(.GET, "/fritak?liste=todo&fra=31.02.2026", headers: headers) { res in
                    #expect(res.body.string.contains("id=\"exemption-search-error\""))
                }
            }
        }
    }
}
