import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

/// One test per finding of the independent security review (issue 9; docs/operations.md lists them). Each fails
/// on 3273e00.
extension DatabaseTests {
    @Suite struct SecurityReviewTests {
        // MARK: 1. Account takeover through the sign-in's `next`

        @Test func finding1_nextWithCRLFNeverReachesAHeaderAndSignInRotatesSessionAndCSRF() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                try await app.withRealServer { port in
                    // given: the attacker's link, opened by the victim, and the session id the attacker planted
                    let victim = RealServerSession(port: port)
                    let crafted = "/saker%0D%0ASet-Cookie:%20tilgang-session=planted"
                    let page = try victim.get("/logg-inn?next=\(crafted)")
                    #expect(page.status == 200)
                    #expect(!page.body.contains("planted"), "an unsafe next is not even put in the form")
                    let planted = try #require(victim.cookie)
                    let csrfBefore = try victim.csrf(on: "/logg-inn")
                    // when: the victim signs in with next carrying CR/LF
                    let response = try victim.post(
                        "/logg-inn",
                        [
                            ("username", "si-direktor"), ("password", DemoPeople.password), ("csrf", csrfBefore),
                            ("next", "/saker\r\nSet-Cookie: tilgang-session=planted"),
                        ])
                    // then: no header was split, the redirect is local, and the session and token are new
                    #expect(response.status == 303)
                    #expect(response.header("Location") == "/min-side")
                    #expect(response.headers("Set-Cookie").allSatisfy { !$0.contains("planted") })
                    #expect(victim.cookie != planted)
                    #expect(try victim.csrf(on: "/min-side") != csrfBefore)
                    let attacker = RealServerSession(port: port)
                    let stolen = try attacker.client.send(
                        "GET", "/min-side", headers: [("Cookie", "tilgang-session=\(planted)")])
                    #expect(stolen.status == 303, "the planted session id is signed in to nothing")
                }
            }
        }

        @Test func finding1_onlyPlainLocalPathsAreAcceptedAsNext() {
            for unsafe in [
                "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "https://evil.example", "/a\r\nb",
                "/a%0d%0ab", "/a%00", "javascript:alert(1)", "/\u{202E}fdp", "/%5Cevil", "", "saker",
            ] {
                #expect(!LocalRedirect.isSafe(unsafe), "\(unsafe.debugDescription) was accepted")
            }
            for safe in ["/saker", "/saker/1f0c?liste=todo&side=2", "/fritak/ny"] {
                #expect(LocalRedirect.isSafe(safe))
            }
        }

        @Test func finding1_aResponseHeaderWithAControlCharacterIsNeverSent() {
            #expect(SecurityHeadersMiddleware.hasUnsafeHeader(["Location": "/a\r\nSet-Cookie: x=y"]))
            #expect(SecurityHeadersMiddleware.hasUnsafeHeader(["X-A": "a\u{0}b"]))
            #expect(!SecurityHeadersMiddleware.hasUnsafeHeader(["Location": "/saker?liste=todo"]))
        }

        // MARK: 2. Unsafe production defaults

        @Test func finding2_productionRefusesToStartWithoutAnAuditKeyOrWithInsecureCookies() throws {
            let settings = TilgangSettings(database: .sqlite(path: "/tmp/x.sqlite"), adminToken: nil)
            let strong = String(repeating: "k", count: 48)
            #expect(throws: StartupPolicy.Refused.self) {
                try StartupPolicy.check(.production, settings: settings, variables: [:])
            }
            #expect(throws: StartupPolicy.Refused.self) {
                try StartupPolicy.check(
                    .production, settings: settings,
                    variables: ["TILGANG_AUDIT_KEY": TilgangSettings.developmentAuditKey])
            }
            #expect(throws: StartupPolicy.Refused.self) {
                try StartupPolicy.check(
                    .production, settings: settings,
                    variables: ["TILGANG_AUDIT_KEY": strong, "TILGANG_SECURE_COOKIES": "0"])
            }
            try StartupPolicy.check(.production, settings: settings, variables: ["TILGANG_AUDIT_KEY": strong])
            try StartupPolicy.check(
                .production, settings: settings,
                variables: [
                    "TILGANG_AUDIT_KEY": strong, "TILGANG_SECURE_COOKIES": "0",
                    "TILGANG_INSECURE_COOKIES_ON_LOOPBACK": "1",
                ])
            try StartupPolicy.check(.development, settings: settings, variables: [:])
        }

        @Test func finding2_productionNeverSeedsDemoPeople() {
            #expect(!StartupPolicy.servesDemoData(.production, variables: [:]))
            #expect(StartupPolicy.servesDemoData(.development, variables: [:]))
            #expect(!StartupPolicy.servesDemoData(.development, variables: ["TILGANG_DEMO_DATA": "0"]))
        }

        // MARK: 4. Login throttle race

        @Test func finding4_parallelWrongPasswordsAreCountedBeforeTheyAreChecked() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given: fifteen wrong guesses sent at once
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<15 {
                        group.addTask {
                            var status = HTTPStatus.ok
                            try await app.testing().test(
                                .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                body: try Fixtures.json(["username": "si-lege", "password": "gjetning"])
                            ) { status = $0.status }
                            return status
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                // then: only the limit's five were checked; the rest were refused unchecked
                #expect(statuses.filter { $0 == .unauthorized }.count == 5)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 10)
            }
        }

        @Test func finding4_hashingRunsOnItsOwnBoundedPool() async throws {
            // given: a pool that admits two at a time
            let hashing = PasswordHashing(hasher: BcryptPasswordHasher(cost: 4), threads: 1, maxWaiting: 2)
            let loop = MultiThreadedEventLoopGroup.singleton.any()
            let digest = try await hashing.hash("et-passord", on: loop)
            // when: ten checks at once
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask { (try? await hashing.verify("et-passord", created: digest, on: loop)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // then: some were refused at once instead of queueing without bound, and the rest answered
            #expect(results.contains(false))
            #expect(results.contains(true))
            try await hashing.shutdown()
        }

        // MARK: 5. Username enumeration by timing

        @Test func finding5_anUnknownUsernameCostsAPasswordCheckToo() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                func time(_ username: String) async throws -> Double {
                    let start = ContinuousClock.now
                    _ = try? await app.users.verify(username: username, password: "feil-passord")
                    let elapsed = ContinuousClock.now - start
                    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                }
                _ = try await time("finnes-ikke-0")  // makes the dummy hash
                // when
                let known = try await time("si-lege")
                let unknown = try await time("finnes-ikke")
                // then: both run a bcrypt check (cost 12, well over 50 ms); a missing user is not answered at once
                #expect(unknown > known * 0.5, "unknown \(unknown) s against known \(known) s")
                #expect(unknown > 0.05)
            }
        }

        // MARK: 6. Cross-trust access log

        @Test func finding6_anAdministratorSeesOnlyTheirOwnOrganisationsRows() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: an SI patient's case, read by SI staff
                let client = APIClient(app: app)
                let (id, _) = try await client.createCase(as: "si-lege")
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)", headers: client.headers(try await client.token("si-lege"))
                ) { #expect($0.status == .ok) }
                func rows(as admin: String) async throws -> [AccessLogService.Entry] {
                    var entries: [AccessLogService.Entry] = []
                    try await app.testing().test(
                        .POST, "/api/v1/audit/patient-access", headers: client.headers(try await client.token(admin)),
                        body: try Fixtures.json(["patientNIN": APIClient.patientNIN])
                    ) { res in
                        #expect(res.status == .ok)
                        entries = try res.content.decode([AccessLogService.Entry].self)
                    }
                    return entries
                }
                // when / then
                #expect(try await rows(as: "si-admin").contains { $0.organisation == "SI" })
                let other = try await rows(as: "hb-admin")
                #expect(other.allSatisfy { $0.organisation == "HB" }, "\(other.map(\.caseNumber))")
                #expect(!other.contains { $0.actor.hasPrefix("si-") })
            }
        }

        // MARK: 7. Stand-ins

        @Test func finding7_aStandInMustHoldAnEligibleRoleForABoundedFuturePeriodAndIsAuditedAndRevocable()
            async throws
        {
            try await withTilgangApp(demoPeople: true) { app in
                let client = APIClient(app: app)
                let head = client.headers(try await client.token("si-avdelingsleder"))
                let today = app.clock.today
                func appoint(_ username: String, _ from: CalendarDate, _ to: CalendarDate) async throws -> HTTPStatus {
                    var status = HTTPStatus.ok
                    try await app.testing().test(
                        .POST, "/api/v1/substitutions", headers: head,
                        body: try Fixtures.json([
                            "substituteUsername": username, "from": from.norwegian, "to": to.norwegian,
                        ])
                    ) { status = $0.status }
                    return status
                }
                let in30 = try #require(today.addingDays(30))
                // a physician, the administrator, a long period, a past period: refused
                #expect(try await appoint("si-lege", today, in30) == .unprocessableEntity)
                #expect(try await appoint("si-admin", today, in30) == .unprocessableEntity)
                #expect(
                    try await appoint(
                        "si-seksjonsoverlege", try #require(CalendarDate(iso: "2020-01-01")),
                        try #require(CalendarDate(iso: "2099-12-31"))) == .unprocessableEntity)
                #expect(
                    try await appoint("si-seksjonsoverlege", try #require(today.addingDays(-3)), today)
                        == .unprocessableEntity)
                #expect(
                    try await appoint("si-seksjonsoverlege", today, try #require(today.addingDays(90)))
                        == .unprocessableEntity)
                // the section chief of the same department for 30 days: appointed and audited
                #expect(try await appoint("si-seksjonsoverlege", today, in30) == .created)
                #expect(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "substitution.appoint").count() == 1
                )
                // a later appointment ends the first from its first day
                let in10 = try #require(today.addingDays(10))
                #expect(try await appoint("si-seksjonsoverlege", in10, try #require(today.addingDays(20))) == .created)
                var current: [SubstitutionService.Output] = []
                try await app.testing().test(.GET, "/api/v1/substitutions", headers: head) { res in
                    current = try res.content.decode([SubstitutionService.Output].self)
                }
                #expect(current.count == 2)
                let dayBefore = try #require(today.addingDays(9))
                #expect(current.first?.to == dayBefore.norwegian)
                // revoked, and audited
                for standIn in current {
                    try await app.testing().test(.DELETE, "/api/v1/substitutions/\(standIn.id)", headers: head) {
                        #expect($0.status == .noContent)
                    }
                }
                #expect(try await SubstitutionModel.query(on: app.db).count() == 0)
                #expect(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "substitution.revoke").count() == 2)
            }
        }

        // MARK: 9. Sessions

        @Test func finding9_sessionsAreStoredAsDigestsExpireOnTheServerAndEndOnPasswordReset() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given: a signed-in director with a session and an API token
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-direktor")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                let sql = try #require(app.db as? any SQLDatabase)
                let stored = try await sql.raw("SELECT id_digest FROM web_sessions").all()
                    .map { try $0.decode(column: "id_digest", as: String.self) }
                // then: the table holds the digest, never the id
                #expect(!stored.contains(cookie))
                #expect(stored.contains(TokenDigest.of(cookie)))
                // when: 31 minutes pass without a request
                app.clock.set(Date().addingTimeInterval(31 * 60))
                try await app.testing().test(.GET, "/min-side", headers: headers) { res in
                    #expect(res.status == .seeOther, "an idle session ends on the server")
                }
                app.clock.set(nil)
                // and a password reset ends every session and token
                let (again, _) = try await AuthTests.signIn(app, as: "si-direktor")
                headers.cookie = ["tilgang-session": .init(string: again)]
                let client = APIClient(app: app)
                let token = try await client.token("si-direktor")
                let director = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-direktor").first())
                try await app.testing().test(
                    .POST, "/api/v1/users/\(try #require(director.id))/actions",
                    headers: client.headers(try await client.token("si-admin")),
                    body: try Fixtures.json(["action": "reset_password", "password": "et-nytt-passord-1"])
                ) { #expect($0.status == .ok) }
                try await app.testing().test(.GET, "/min-side", headers: headers) { #expect($0.status == .seeOther) }
                try await app.testing().test(.GET, "/api/v1/me", headers: client.headers(token)) {
                    #expect($0.status == .unauthorized)
                }
            }
        }

        /// A page view that leaves the session as it was does not write its row; `last_seen_at` still moves on once
        /// a `touchInterval`, so the idle limit counts from the last request within that.
        @Test func aSessionIsWrittenOnlyWhenItChangesOrIsDueATouch() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-direktor")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                let sql = try #require(app.db as? any SQLDatabase)
                func row() async throws -> (data: String, seen: Double) {
                    let found = try #require(
                        try await sql.raw(
                            "SELECT data, last_seen_at FROM web_sessions WHERE id_digest = \(bind: TokenDigest.of(cookie))"
                        ).first())
                    return (
                        try found.decode(column: "data", as: String.self),
                        try found.decode(column: "last_seen_at", as: Double.self)
                    )
                }
                // The session as the sign-in's redirect left it; a marker shows whether a request rewrote it.
                try await app.testing().test(.GET, "/min-side", headers: headers) { #expect($0.status == .ok) }
                try await sql.raw(
                    "UPDATE web_sessions SET data = data || ' ' WHERE id_digest = \(bind: TokenDigest.of(cookie))"
                ).run()
                let before = try await row()
                // when: two pages within the touch interval
                for path in ["/min-side", "/saker"] {
                    try await app.testing().test(.GET, path, headers: headers) { #expect($0.status == .ok) }
                }
                // then: not written
                #expect(try await row().data == before.data)
                #expect(try await row().seen == before.seen)
                // when: a page after the touch interval: last seen moves on, the data is not rewritten
                let later = Date().addingTimeInterval(WebSessionStore.touchInterval + 5)
                app.clock.set(later)
                try await app.testing().test(.GET, "/saker", headers: headers) { #expect($0.status == .ok) }
                #expect(try await row().seen == later.timeIntervalSince1970)
                #expect(try await row().data == before.data)
                app.clock.set(nil)
            }
        }

        // MARK: 15. CSV formulas

        @Test func finding15_csvCellsThatASpreadsheetWouldRunAreNeutralised() {
            #expect(ExtractCSV.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
            #expect(ExtractCSV.field("+47 123") == "'+47 123")
            #expect(ExtractCSV.field("@SUM(A1)") == "'@SUM(A1)")
            #expect(ExtractCSV.field("-1+1") == "'-1+1")
            #expect(ExtractCSV.field("Paracetamol") == "Paracetamol")
        }

        // MARK: 18. Content spoofing and control characters

        @Test func finding18_aNoticeInTheLinkIsNotShownAndControlCharactersAreRefusedByField() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let (cookie, csrf) = try await AuthTests.signIn(app, as: "si-lege")
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                // then: a notice in the URL is not a notice
                try await app.testing().test(
                    .GET, "/min-side?melding=Systemet%20er%20kompromittert%2C%20ring%2099999999", headers: headers
                ) { res in
                    #expect(res.status == .ok)
                    #expect(!res.body.string.contains("kompromittert"))
                }
                // when: a NUL and a right-to-left override in free text
                for bad in ["Begrunnelse\u{0}skjult", "Dose \u{202E}gm 005"] {
                    try await app.testing().test(
                        .POST, "/saker", headers: headers,
                        body: AuthTests.post(["csrf": csrf, "kind": "individual", "justification": bad])
                    ) { res in
                        // then: refused, naming the field
                        #expect(res.status == .unprocessableEntity)
                        #expect(res.body.string.contains("justification") || res.body.string.contains("begrunnelse"))
                    }
                }
                // and over the API too
                let client = APIClient(app: app)
                var draft = APIClient.draft()
                draft["dosage"] = "1000 mg\u{0}"
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: client.headers(try await client.token("si-lege")),
                    body: try Fixtures.json(draft)
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("dosage"))
                }
                #expect(try await CaseModel.query(on: app.db).count() == 0)
            }
        }
    }
}

extension DatabaseTests.SecurityReviewTests {
    /// Second look: a URL cannot forge lines in the server log.
    @Test func aControlCharacterInThePathIsEscapedInTheLog() {
        let logged = RequestLogMiddleware.escaped("/x\r\n[ NOTICE ] Revisjonsloggen ble slettet\u{0}\u{202E}")
        #expect(!logged.contains("\r") && !logged.contains("\n") && !logged.contains("\u{0}"))
        #expect(!logged.unicodeScalars.contains("\u{202E}"))
        #expect(logged.hasPrefix("/x\\u{d}\\u{a}"))
    }
}

extension DatabaseTests.SecurityReviewTests {
    /// Second look: Vapor's English reasons reach nobody.
    @Test func vaporsEnglishReasonsAreNorwegian() async throws {
        try await withTilgangApp { app in
            try await app.testing().test(.GET, "/api/v1/me") { res in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("Du må logge inn") && !res.body.string.contains("not authenticated"))
            }
            try await app.testing().test(.GET, "/finnes-ikke") { res in
                #expect(res.status == .notFound && !res.body.string.contains("Not Found"))
            }
        }
    }
}
