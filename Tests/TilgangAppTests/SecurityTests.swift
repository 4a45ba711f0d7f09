import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Hostile input and curious users (issue 7): security headers and cookies, login throttling, CSRF on every
    /// form, size limits, and every case and catalogue endpoint tried as every role and trust that may not.
    @Suite struct SecurityTests {
        @Test func everyResponseCarriesTheSecurityHeaders() async throws {
            try await withTilgangApp(demoData: true) { app in
                for path in ["/logg-inn", "/api/v1/catalogue?q=ozempic", "/finnes-ikke", "/api/v1/cases"] {
                    try await app.testing().test(.GET, path) { res in
                        let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                        #expect(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"), "\(path)")
                        #expect(res.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                        #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                        #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path)")
                    }
                }
            }
        }

        @Test func inputThatDoesNotDecodeNamesItsFieldInNorwegian() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a draft, and bodies that do not decode
                let client = APIClient(app: app)
                let token = try await client.token("si-lege")
                let (id, version) = try await client.createCase(as: "si-lege")
                var wrongType = APIClient.draft()
                wrongType["groupSize"] = "tolv"
                wrongType["patientInformed"] = "ja"
                let cases: [(path: String, body: ByteBuffer, field: String, message: String)] = [
                    ("/api/v1/cases", ByteBuffer(string: "{\"kind\": "), "$", "er ikke gyldig JSON"),
                    ("/api/v1/cases", try Fixtures.json(wrongType), "groupSize", "må være et heltall"),
                    ("/api/v1/cases/\(id)/actions", ByteBuffer(string: "{}"), "action", "mangler"),
                    ("/api/v1/cases/\(id)/actions", ByteBuffer(string: "{\"action\": null}"), "action", "må fylles ut"),
                    ("/api/v1/cases/\(id)/actions", ByteBuffer(string: "{\"action\": 1}"), "action", "må være tekst"),
                ]
                // when / then: 400, the field and what is wrong with it, in Norwegian
                for (path, body, field, message) in cases {
                    let headers = client.headers(token, version: version)
                    try await app.testing().test(.POST, path, headers: headers, body: body) { res in
                        #expect(res.status == .badRequest, "\(field)")
                        let error = try res.content.decode(ErrorResponse.self)
                        #expect(error.fields == [FieldError(field: field, message: message)], "\(res.body.string)")
                        #expect(error.reason == "Kunne ikke lese innholdet: \(field): \(message)")
                    }
                }
                let headers = client.headers(token)
                // and the draft is untouched
                try await app.testing().test(.GET, "/api/v1/cases/\(id)", headers: headers) { res in
                    let draft = try res.content.decode(CaseDTO.self)
                    #expect(draft.version == version && draft.state == "draft")
                }
                // a query string too
                try await app.testing().test(.GET, "/api/v1/cases?limit=mange", headers: headers) { res in
                    #expect(res.status == .badRequest)
                    let fields = try res.content.decode(ErrorResponse.self).fields ?? []
                    #expect(fields.map(\.field) == ["limit"])
                }
                // nested fields are named by their path
                let path = DecodingError.field([Key("patients"), Key(index: 0), Key("birthDate")])
                #expect(path == "patients[0].birthDate")
            }
        }

        @Test func aPathUsedWithAMethodItDoesNotTakeAnswers405WithAllow() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a case, so that its paths exist
                let client = APIClient(app: app)
                let (id, _) = try await client.createCase(as: "si-lege")
                // when / then: each path with a method it does not take
                for (method, path, allow) in [
                    (HTTPMethod.DELETE, "/api/v1/cases", "GET, HEAD, POST"),
                    (.PUT, "/api/v1/cases/\(id)/actions", "POST"),
                    (.POST, "/ping", "GET, HEAD"),
                ] {
                    try await app.testing().test(method, path) { res in
                        #expect(res.status == .methodNotAllowed, "\(method) \(path)")
                        #expect(res.headers.first(name: "Allow") == allow, "\(method) \(path)")
                        // the API in JSON, pages as the error page
                        #expect(res.body.string.contains("\(method.rawValue) brukes ikke her. Bruk \(allow)."))
                    }
                }
                // a concrete path before a templated one: GET /sites/import reaches GET /sites/:id, whose 404
                // becomes 405, as OpenAPI reads the path
                try await app.testing().test(
                    .GET, "/api/v1/preparedness/sites/import",
                    headers: client.headers(try await client.token("si-farmasoyt"))
                ) { res in
                    #expect(res.status == .methodNotAllowed && res.headers.first(name: "Allow") == "POST")
                }
                // a path no route has, and a handler's own 404, stay 404
                try await app.testing().test(.DELETE, "/finnes-ikke") { res in #expect(res.status == .notFound) }
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(UUID())", headers: client.headers(try await client.token("si-lege"))
                ) { res in #expect(res.status == .notFound) }
                // static files are served, and only with GET
                try await app.testing().test(.GET, "/css/site.css") { res in
                    #expect(res.status == .ok && res.body.string.contains("{"))
                }
                try await app.testing().test(.POST, "/css/site.css") { res in #expect(res.status == .notFound) }
            }
        }

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(_ name: String) { (stringValue, intValue) = (name, nil) }
            init(index: Int) { (stringValue, intValue) = ("Index \(index)", index) }
            init?(stringValue: String) { self.init(stringValue) }
            init?(intValue: Int) { self.init(index: intValue) }
        }

        @Test func sessionCookiesAreHttpOnlyLaxAndSecureOutsideDevelopment() async throws {
            try await withTilgangApp { app in
                try await app.testing().test(.GET, "/logg-inn") { res in
                    let cookie = try #require(res.headers.setCookie?["tilgang-session"])
                    #expect(cookie.isHTTPOnly && cookie.sameSite == .lax && !cookie.isSecure)
                }
            }
            // given: the production environment
            let app = try await Application.make(.production)
            do {
                try await configure(
                    app, settings: TilgangSettings(database: .sqlite(path: ":memory:"), adminToken: nil))
                let cookie = try #require(
                    app.sessions.configuration.cookieFactory(SessionID(string: "x")) as HTTPCookies.Value?)
                // then
                #expect(cookie.isSecure && cookie.isHTTPOnly && cookie.sameSite == .lax)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }

        @Test func passwordGuessingIsThrottledPerAccount() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                func token(_ username: String, _ password: String) async throws -> (HTTPStatus, String?) {
                    var result: (HTTPStatus, String?) = (.ok, nil)
                    try await app.testing().test(
                        .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                        body: try Fixtures.json(["username": username, "password": password])
                    ) { res in result = (res.status, res.headers.first(name: "Retry-After")) }
                    return result
                }
                // given: five wrong guesses
                for _ in 0..<5 { #expect(try await token("si-lege", "gjetning").0 == .unauthorized) }
                // when / then: even the right password waits, with Retry-After; other accounts do not
                let throttled = try await token("si-lege", DemoPeople.password)
                #expect(throttled.0 == .tooManyRequests)
                #expect(Int(throttled.1 ?? "") ?? 0 > 0)
                #expect(try await token("hb-lege", DemoPeople.password).0 == .ok)
                // the sign-in page says so too
                let (cookie, csrf) = try await AuthTests.loginForm(app)
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(
                    .POST, "/logg-inn", headers: headers,
                    body: AuthTests.post(["username": "si-lege", "password": DemoPeople.password, "csrf": csrf])
                ) { res in
                    #expect(res.status == .tooManyRequests && res.body.string.contains("For mange mislykkede"))
                }
            }
        }

        @Test func everyFormRefusesAPostWithoutItsCSRFToken() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: signed in as an analyst, who may post to the most forms outside the trust
                let (cookie, _) = try await AuthTests.signIn(app, as: "beredskap-analytiker")
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                let forms = app.routes.all.filter { $0.method == .POST && $0.path.first?.description != "api" }
                #expect(forms.count > 20)
                let before = try await AuditEntryModel.query(on: app.db).count()
                for route in forms {
                    let path =
                        "/"
                        + route.path.map { component in
                            if case .parameter = component { return UUID().uuidString }
                            return component.description
                        }.joined(separator: "/")
                    // when: a form post with every field but the token
                    try await app.testing().test(
                        .POST, path, headers: headers,
                        body: AuthTests.post(["medicineId": "morfin-inj-10mg", "start": "01.11.2026"])
                    ) { res in
                        // then
                        #expect(res.status == .forbidden, "\(path) without CSRF answered \(res.status)")
                    }
                }
                #expect(try await AuditEntryModel.query(on: app.db).count() == before, "nothing was written")
            }
        }

        /// Limits hold on the wire, so this runs a real server on a free port.
        @Test func oversizedBodiesAreRefused() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let big = ByteBuffer(string: String(repeating: "a", count: 2 * 1024 * 1024))
                let analyst = try await APIClient(app: app).token("beredskap-analytiker")
                let server = try app.testing(method: .running(port: 0))
                try await server.test(
                    .POST, "/api/v1/preparedness/sites/import",
                    headers: ["Content-Type": "text/csv", "Authorization": "Bearer \(analyst)"], body: big
                ) { res in #expect(res.status == .payloadTooLarge) }
                try await server.test(
                    .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"], body: big
                ) { res in #expect(res.status == .payloadTooLarge) }
                try await server.test(
                    .POST, "/api/v1/cases", headers: APIClient(app: app).headers(analyst), body: big
                ) { res in #expect(res.status == .payloadTooLarge) }
            }
        }

        /// Everyone who may not see Sykehuset Innlandet's case of a patient from Innlandet.
        static let outsiders = [
            "hb-lege", "hb-avdelingsleder", "hb-divisjonsdirektor", "hb-komite", "hb-direktor", "hb-seksjonsoverlege",
            "hb-niva2", "hb-farmasoyt", "hb-admin", "si-seksjonsoverlege", "si-niva2", "si-farmasoyt", "si-admin",
            "dmp-saksbehandler", "beredskap-analytiker", "fastlege", "tannlege", "veterinaer",
        ]

        static let actions = [
            "submit", "quality_assure", "assess_priority", "request_supplement", "supply_supplement", "recommend",
            "partner_director_concur", "assess", "return_to_applicant", "approve", "refuse", "withdraw",
        ]

        @Test func everyCaseAndCatalogueEndpointRefusesEveryOtherRoleAndTrust() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a submitted case at the department head's step, and the catalogue's size
                let api = APIClient(app: app)
                let (id, draftVersion) = try await api.createCase(as: "si-lege")
                let version = try await api.act("submit", on: id, version: draftVersion, as: "si-lege").version
                let caseNumber = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db)).caseNumber
                let medicines = try await app.catalogue.count()
                let nin = APIClient.patientNIN
                for username in Self.outsiders {
                    let headers = api.headers(try await api.token(username), version: version)
                    func refused(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws {
                        try await app.testing().test(
                            method, path, headers: headers, body: try body.map { try Fixtures.json($0) }
                        ) { res in
                            #expect(
                                [.forbidden, .notFound, .unauthorized].contains(res.status),
                                "\(username) \(method) \(path): \(res.status)")
                            #expect(!res.body.string.contains(nin), "\(username) \(path) leaked the identity number")
                        }
                    }
                    // when / then: reads, the archive copy and every action
                    try await refused(.GET, "/api/v1/cases/\(id)")
                    try await refused(.GET, "/api/v1/cases/\(id)/archive")
                    for action in Self.actions {
                        try await refused(
                            .POST, "/api/v1/cases/\(id)/actions",
                            body: ["action": action, "benefit": "x", "resourceUse": "x", "severity": "x"])
                    }
                    for list in ["todo", "unit", "decided"] {
                        try await app.testing().test(
                            .GET, "/api/v1/cases?list=\(list)&q=\(caseNumber)", headers: headers
                        ) { res in
                            #expect(!res.body.string.contains(id), "\(username) finds the case in \(list)")
                        }
                    }
                    try await app.testing().test(
                        .POST, "/api/v1/catalogue/import", headers: headers,
                        body: try Fixtures.json(["format": "tilgang-catalogue", "formatVersion": 1, "medicines": []])
                    ) { res in
                        // The national catalogue is imported by an administrator's own account (finding 14).
                        let mayImport = username.hasSuffix("-admin")
                        #expect(
                            mayImport ? res.status == .ok : [.unauthorized, .forbidden].contains(res.status),
                            "\(username) imports: \(res.status)")
                    }
                }
                // and the pages, signed in
                for username in ["hb-direktor", "si-farmasoyt", "dmp-saksbehandler"] {
                    let (cookie, csrf) = try await AuthTests.signIn(app, as: username)
                    var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                    headers.cookie = ["tilgang-session": .init(string: cookie)]
                    for path in ["/saker/\(id)", "/saker/\(id)/arkiv"] {
                        try await app.testing().test(.GET, path, headers: headers) { res in
                            #expect(res.status == .forbidden || res.status == .notFound, "\(username) \(path)")
                            #expect(!res.body.string.contains(nin))
                        }
                    }
                    try await app.testing().test(
                        .POST, "/saker/\(id)/handling", headers: headers,
                        body: AuthTests.post([
                            "action": "assess", "assessmentKind": "recommend_approval", "assessment": "Forsvarlig",
                            "version": String(version), "csrf": csrf,
                        ])
                    ) { res in #expect(res.status == .forbidden || res.status == .notFound, "\(username) acts") }
                }
                // nothing changed
                #expect(try await CaseModel.find(UUID(uuidString: id), on: app.db)?.version == version)
                #expect(try await app.catalogue.count() == medicines)
            }
        }
    }
}
