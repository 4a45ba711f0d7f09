import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    /// «Innsyn i tidligere søknader» through a real HTTP server: the forms, their CSRF token, a 20,000-character
    /// reason in small chunks, and the case page under a grant offering nothing to do.
    @Suite struct AccessRequestPageTests {
        @Test func askGrantAndReadThroughThePagesReadOnly() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let caseA = try await AccessRequestTests.submittedCase(
                    api, as: "si-lege", nin: APIClient.patientNIN)
                try await app.withRealServer { port in
                    let physician = RealServerSession(port: port)
                    #expect(try physician.signIn("si-seksjonsoverlege", password: DemoPeople.password).status == 303)
                    let reason = LongFormTests.prose(FormLimits.freeTextCharacters)
                    // without the form's token: refused, nothing stored
                    let forged = try physician.post(
                        "/tidligere-soknader", [("patientNIN", APIClient.patientNIN), ("reason", "Trenger å se")])
                    #expect(forged.status == 403)
                    #expect(try await AccessRequestModel.query(on: app.db).count() == 0)
                    // a bad number: named beside its field, the reason kept
                    var token = try physician.csrf(on: "/tidligere-soknader")
                    let bad = try physician.post(
                        "/tidligere-soknader",
                        [
                            ("csrf", token), ("patientNIN", "15038512345"), ("colleagueId", ""),
                            ("reason", "Overtatt pasienten; må se vurderingene"),
                        ])
                    #expect(bad.status == 422)
                    #expect(bad.body.contains("id=\"patientNIN-error\""))
                    #expect(bad.body.contains("Overtatt pasienten; må se vurderingene"))
                    // when: the whole form in 700-byte writes
                    token = try physician.csrf(on: "/tidligere-soknader")
                    let asked = try physician.post(
                        "/tidligere-soknader",
                        [
                            ("csrf", token), ("patientNIN", APIClient.patientNIN), ("colleagueId", ""),
                            ("reason", reason),
                        ],
                        chunkSize: 700)
                    #expect(asked.status == 303, "\(asked.status): \(asked.body.prefix(300))")
                    let stored = try #require(try await AccessRequestModel.query(on: app.db).first())
                    #expect(stored.reason == reason)
                    let id = try #require(stored.id).uuidString
                    // the requester cannot decide it on the page either
                    token = try physician.csrf(on: "/tidligere-soknader")
                    let selfGrant = try physician.post(
                        "/tidligere-soknader/\(id)/innvilg", [("csrf", token), ("days", "90")])
                    #expect(selfGrant.status == 303)
                    #expect(try physician.get("/tidligere-soknader").body.contains("din egen forespørsel"))
                    #expect(try await AccessRequestModel.find(stored.id, on: app.db)?.state == "pending")

                    // the department head grants on the page
                    let head = RealServerSession(port: port)
                    #expect(try head.signIn("si-avdelingsleder", password: DemoPeople.password).status == 303)
                    let page = try head.get("/tidligere-soknader")
                    #expect(page.body.contains("id=\"pending-\(id)\""))
                    #expect(page.body.contains(String(reason.suffix(200))))
                    let granted = try head.post(
                        "/tidligere-soknader/\(id)/innvilg",
                        [("csrf", try head.csrf(on: "/tidligere-soknader")), ("days", "14")])
                    #expect(granted.status == 303)
                    let grant = try #require(try await AccessRequestModel.find(stored.id, on: app.db))
                    #expect(grant.state == "granted")
                    #expect(grant.lastDay == app.clock.today.addingDays(13)?.iso)

                    // then: the physician's page links the case, and the case page is read-only
                    #expect(try physician.get("/tidligere-soknader").body.contains("/saker/\(caseA)"))
                    let casePage = try physician.get("/saker/\(caseA)")
                    #expect(casePage.status == 200)
                    #expect(casePage.body.contains("id=\"read-only-grant\""))
                    #expect(!casePage.body.contains("/handling"))
                    #expect(!casePage.body.contains("id=\"attachments\""))
                    #expect(!casePage.body.contains(APIClient.patientNIN), "the page shows the masked number only")
                    // and an action posted anyway is refused
                    let version = try await AccessRequestTests.caseVersion(app, caseA)
                    let acted = try physician.post(
                        "/saker/\(caseA)/handling",
                        [
                            ("csrf", try physician.csrf(on: "/tidligere-soknader")), ("action", "withdraw"),
                            ("comment", "Forsøk"), ("version", "\(version)"), ("confirm", "on"),
                        ])
                    // (the case page's own refusal, not the CSRF check's)
                    #expect(acted.status == 403)
                    #expect(acted.body.contains("id=\"case-message\"") && acted.body.contains("ikke tilgang"))
                    #expect(try await AccessRequestTests.caseVersion(app, caseA) == version)
                }
            }
        }
    }
}
