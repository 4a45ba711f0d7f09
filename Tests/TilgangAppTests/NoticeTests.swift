import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct NoticeTests {
        /// The usernames told of the step that gave the case `version`, and what each was told.
        static func told(_ app: Application, case id: String, version: Int) async throws -> [String: String] {
            let notices = try await NoticeModel.query(on: app.db).filter(\.$caseID == UUID(uuidString: id)!)
                .filter(\.$caseVersion == version).all()
            var told: [String: String] = [:]
            for notice in notices {
                let user = try #require(try await UserModel.find(notice.userID, on: app.db))
                #expect(told[user.username] == nil, "told twice: \(user.username)")
                told[user.username] = notice.event
            }
            return told
        }

        @Test func whoeverCanActNowIsToldAtEachStepIncludingTheStandIn() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the SI department head's section chief stands in for them today
                let api = APIClient(app: app)
                try await SubstituteTests.headNamesSectionChief(app, api, from: app.clock.today, days: 5)
                let (id, v1) = try await api.createCase(as: "si-lege")
                #expect(try await Self.told(app, case: id, version: v1).isEmpty)
                // when the case goes through the chain, with a supplement loop
                let submitted = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                let assured = try await api.act(
                    "assess", on: id, version: submitted, as: "si-avdelingsleder", fields: APIClient.recommendApproval
                ).version
                let assessed = try await api.act(
                    "assess", on: id, version: assured, as: "si-divisjonsdirektor",
                    fields: APIClient.priority(benefit: "Stor", resourceUse: "Moderat", severity: "Alvorlig")
                ).version
                let asked = try await api.act(
                    "request_supplement", on: id, version: assessed, as: "si-komite",
                    fields: ["comment": "Mangler MR-funn fra siste år"]
                ).version
                let supplied = try await api.act(
                    "supply_supplement", on: id, version: asked, as: "si-lege",
                    fields: ["comment": "MR-funn er lagt ved"]
                ).version
                let recommended = try await api.committeeRecommends(on: id, version: supplied, as: "si-komite").version
                let approved = try await api.act(
                    "approve", on: id, version: recommended, as: "si-direktor", fields: ["comment": "Godkjent"]
                ).version
                // then each step told exactly whoever can take the next one (the stand-in too), never the actor,
                // never anyone in Helse Bergen
                #expect(approved == v1 + 7)
                #expect(
                    try await Self.told(app, case: id, version: submitted)
                        == ["si-avdelingsleder": "submitted", "si-seksjonsoverlege": "submitted"])
                #expect(try await Self.told(app, case: id, version: assured) == ["si-divisjonsdirektor": "moved_on"])
                #expect(
                    try await Self.told(app, case: id, version: assessed)
                        == ["si-komite": "moved_on", "si-komite2": "moved_on"])
                #expect(try await Self.told(app, case: id, version: asked) == ["si-lege": "supplement_requested"])
                #expect(
                    try await Self.told(app, case: id, version: supplied)
                        == ["si-komite": "supplement_supplied", "si-komite2": "supplement_supplied"])
                #expect(try await Self.told(app, case: id, version: recommended) == ["si-direktor": "moved_on"])
                #expect(try await Self.told(app, case: id, version: approved) == ["si-lege": "approved"])
                #expect(try await NoticeModel.query(on: app.db).count() == 10)
            }
        }

        @Test func aWithdrawnCaseTellsWhoeverItWaitedFor() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let submitted = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                // when
                let withdrawn = try await api.act(
                    "withdraw", on: id, version: submitted, as: "si-lege",
                    fields: ["comment": "Pasienten ønsker å vente"])
                // then
                #expect(withdrawn.status == .ok)
                #expect(
                    try await Self.told(app, case: id, version: withdrawn.version) == ["si-avdelingsleder": "withdrawn"]
                )
            }
        }

        @Test func theOutboxHasOneMailPerNoticeAndNoPatientData() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: an application with long free texts
                let api = APIClient(app: app)
                var body = APIClient.draft(kind: "individual", patientTrust: "HB")
                let justification = String(
                    repeating: "Pasienten har hatt tre attakker på ett år; æøå ÆØÅ. ", count: 300)
                body["justification"] = justification
                body["dosage"] = "Særskilt dosering for Ærlig Østby"
                let (id, v1) = try await api.createCase(as: "si-lege", body: body)
                try await SubstituteTests.headNamesSectionChief(app, api, from: app.clock.today, days: 2)
                // when it is submitted, quality-assured and handed on
                let submitted = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                _ = try await api.act(
                    "assess", on: id, version: submitted, as: "si-avdelingsleder", fields: APIClient.recommendApproval)
                // then every notice has exactly one mail, to its recipient's address
                let notices = try await NoticeModel.query(on: app.db).all()
                let mails = try await OutboxMailModel.query(on: app.db).all()
                #expect(notices.count == 3 && mails.count == notices.count)
                for notice in notices {
                    let user = try #require(try await UserModel.find(notice.userID, on: app.db))
                    let mine = mails.filter { $0.noticeID == notice.id }
                    #expect(mine.count == 1)
                    #expect(mine.first?.recipient == "\(user.username)@si.example.no")
                    #expect(mine.first?.status == "pending")
                }
                // and no mail holds anything of the application: only the case number, what happened, the link
                let stored = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db))
                let settings = MailSettings(smtpHost: nil, publicURL: "https://tilgang.si.example.no")
                let sender = OutboxSender(
                    database: app.db, settings: settings, client: SMTPClient(host: "127.0.0.1", port: 1))
                for mail in mails {
                    let text = sender.message(mail, now: app.clock.now).data
                    #expect(text.contains(stored.caseNumber))
                    #expect(text.contains("https://tilgang.si.example.no/saker/\(id)"))
                    let secrets = [
                        APIClient.patientNIN, String(APIClient.patientNIN.prefix(6)), stored.medicineName,
                        stored.medicineID, stored.indication, "attakker", "Østby", "Ocrelizumab", "60 000",
                    ]
                    for secret in secrets {
                        #expect(!text.contains(secret), "mail holds \(secret)")
                        #expect(!mail.subject.contains(secret) && !mail.body.contains(secret))
                    }
                }
            }
        }

        @Test func theCountOnTilMegShowsAndClearsOnReadingOrWhenTheCaseMovesOn() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: two submitted cases waiting for the SI department head (and the section chief standing in)
                let api = APIClient(app: app)
                try await SubstituteTests.headNamesSectionChief(app, api, from: app.clock.today, days: 5)
                let (first, f1) = try await api.createCase(as: "si-lege")
                _ = try await api.act("submit", on: first, version: f1, as: "si-lege")
                let (second, s1) = try await api.createCase(as: "si-lege")
                let secondVersion = try await api.act("submit", on: second, version: s1, as: "si-lege").version
                let firstCase = try #require(try await CaseModel.find(UUID(uuidString: first), on: app.db))
                let firstNumber = firstCase.caseNumber
                try await app.withRealServer { port in
                    let head = RealServerSession(port: port)
                    _ = try head.signIn("si-avdelingsleder", password: DemoPeople.password)
                    #expect(try Self.count(head) == 2)
                    // the notices page: case number, what happened, when; nothing of the application
                    let page = try head.get("/varsler")
                    #expect(page.status == 200)
                    #expect(page.body.contains(firstNumber) && page.body.contains("Søknaden er sendt inn"))
                    #expect(page.body.contains("2 saker venter på deg"))
                    #expect(!page.body.contains(APIClient.patientNIN) && !page.body.contains(firstCase.medicineName))
                    #expect(!page.body.contains("G35"))
                    // when the head reads the first case
                    #expect(try head.get("/saker/\(first)").status == 200)
                    // then its notice is read and the count goes down
                    #expect(try Self.count(head) == 1)
                    // when the stand-in takes the second case's step, the head's notice of it no longer counts
                    _ = try await api.act(
                        "assess", on: second, version: secondVersion, as: "si-seksjonsoverlege",
                        fields: APIClient.recommendApproval)
                    #expect(try Self.count(head) == 0)
                    #expect(try head.get("/varsler").body.contains("Ingen nye varsler"))
                    // and somebody the cases never waited for has no count and no notices
                    let other = RealServerSession(port: port)
                    _ = try other.signIn("hb-avdelingsleder", password: DemoPeople.password)
                    #expect(try Self.count(other) == 0)
                    #expect(try other.get("/varsler").body.contains("Ingen varsler."))
                }
            }
        }

        @Test func theAPIListsTheUsersOwnNoticesOnly() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given a submitted case
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                _ = try await api.act("submit", on: id, version: v1, as: "si-lege")
                // then the department head has its notice, waiting
                try await app.testing().test(
                    .GET, "/api/v1/notices", headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in
                    #expect(res.status == .ok)
                    let list = try res.content.decode(NoticeListDTO.self)
                    #expect(list.waiting == 1 && list.notices.count == 1)
                    #expect(list.notices.first?.caseId.uuidString == id && list.notices.first?.event == "submitted")
                    #expect(list.notices.first?.read == false)
                    #expect(!res.body.string.contains(APIClient.patientNIN) && !res.body.string.contains("G35"))
                }
                // and nobody else has, nor anyone signed out
                try await app.testing().test(
                    .GET, "/api/v1/notices", headers: api.headers(try await api.token("hb-avdelingsleder"))
                ) { res in
                    let list = try res.content.decode(NoticeListDTO.self)
                    #expect(list.waiting == 0 && list.notices.isEmpty)
                }
                try await app.testing().test(.GET, "/api/v1/notices") { res in #expect(res.status == .unauthorized) }
                // when the head reads the case over the API, the notice is read
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in #expect(res.status == .ok) }
                try await app.testing().test(
                    .GET, "/api/v1/notices", headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in
                    let list = try res.content.decode(NoticeListDTO.self)
                    #expect(list.waiting == 0 && list.notices.first?.read == true)
                }
            }
        }

        /// The count on «Til meg» in the work list, 0 when the page shows none.
        static func count(_ session: RealServerSession) throws -> Int {
            let html = try session.get("/saker").body
            let marker = #"id="todo-count""#
            guard let start = html.range(of: marker) else { return 0 }
            let rest = html[start.upperBound...]
            let open = try #require(rest.firstIndex(of: ">"))
            let close = try #require(rest.firstIndex(of: "<"))
            return Int(rest[rest.index(after: open)..<close]) ?? -1
        }
    }
}
