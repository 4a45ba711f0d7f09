import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct AuthTests {
        /// The session cookie and the CSRF token of the login form.
        static func loginForm(_ app: Application) async throws -> (cookie: String, csrf: String) {
            var result: (String, String) = ("", "")
            try await app.testing().test(.GET, "/logg-inn") { res in
                #expect(res.status == .ok)
                let cookie = try #require(res.headers.setCookie?["tilgang-session"]?.string)
                let html = res.body.string
                let marker = #"name="csrf" value=""#
                let start = try #require(html.range(of: marker)).upperBound
                let end = try #require(html[start...].firstIndex(of: "\""))
                result = (cookie, String(html[start..<end]))
            }
            return result
        }

        /// Signs in through the form and returns the session cookie and the CSRF token the server gave at sign-in
        /// (both are new then: the ones before sign-in stop working).
        static func signIn(_ app: Application, as username: String) async throws -> (cookie: String, csrf: String) {
            let (cookie, csrf) = try await loginForm(app)
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.cookie = ["tilgang-session": .init(string: cookie)]
            var signedIn = ""
            try await app.testing().test(
                .POST, "/logg-inn", headers: headers,
                body: post(["username": username, "password": DemoPeople.password, "csrf": csrf])
            ) { res in
                #expect(res.status == .seeOther)
                signedIn = try #require(res.headers.setCookie?["tilgang-session"]?.string)
            }
            return (signedIn, try await csrfToken(app, cookie: signedIn))
        }

        /// The CSRF token of the session `cookie`, read from «Min side».
        static func csrfToken(_ app: Application, cookie: String) async throws -> String {
            var headers = HTTPHeaders()
            headers.cookie = ["tilgang-session": .init(string: cookie)]
            var token = ""
            try await app.testing().test(.GET, "/min-side", headers: headers) { res in
                #expect(res.status == .ok)
                let html = res.body.string
                let marker = #"name="csrf" value=""#
                let start = try #require(html.range(of: marker)).upperBound
                let end = try #require(html[start...].firstIndex(of: "\""))
                token = String(html[start..<end])
            }
            return token
        }

        static func post(_ fields: [String: String]) -> ByteBuffer {
            var components = URLComponents()
            components.queryItems = fields.map { URLQueryItem(name: $0.key, value: $0.value) }
            return ByteBuffer(string: components.percentEncodedQuery ?? "")
        }

        @Test func signInWithTheFormThenSeeMyPage() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                let (cookie, csrf) = try await Self.loginForm(app)
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                // when
                var signedIn = HTTPHeaders()
                try await app.testing().test(
                    .POST, "/logg-inn", headers: headers,
                    body: Self.post(["username": "si-direktor", "password": DemoPeople.password, "csrf": csrf])
                ) { res in
                    // then
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == "/min-side")
                    let new = try #require(res.headers.setCookie?["tilgang-session"]?.string)
                    #expect(new != cookie, "sign-in gives a new session id")
                    signedIn.cookie = ["tilgang-session": .init(string: new)]
                }
                try await app.testing().test(.GET, "/min-side", headers: signedIn) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Direktør medisin og helsefag"))
                }
                try await app.testing().test(.GET, "/min-side", headers: headers) { res in
                    #expect(res.status == .seeOther, "the session id from before sign-in is signed in to nothing")
                }
            }
        }

        @Test func formWithoutTheCSRFTokenIsRefused() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, _) = try await Self.loginForm(app)
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(
                    .POST, "/logg-inn", headers: headers,
                    body: Self.post(["username": "si-direktor", "password": DemoPeople.password, "csrf": "forged"])
                ) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }

        @Test func wrongPasswordIsRefusedWithoutSayingWhichHalfWasWrong() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, csrf) = try await Self.loginForm(app)
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(
                    .POST, "/logg-inn", headers: headers,
                    body: Self.post(["username": "si-direktor", "password": "wrong", "csrf": csrf])
                ) { res in
                    #expect(res.status == .unauthorized)
                    #expect(res.body.string.contains("Feil brukernavn eller passord."))
                }
                try await app.testing().test(.GET, "/min-side", headers: headers) { res in
                    #expect(res.status == .seeOther)
                }
            }
        }

        @Test func bearerTokenForTheAPI() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                var token = ""
                try await app.testing().test(
                    .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                    body: try Fixtures.json(["username": "hb-komite", "password": DemoPeople.password])
                ) { res in
                    #expect(res.status == .ok)
                    token =
                        try #require(
                            try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])["token"]
                        as? String ?? ""
                }
                // when / then
                try await app.testing().test(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]) { res in
                    #expect(res.status == .ok)
                    let user = try res.content.decode(AuthenticatedUser.self)
                    #expect(user.username == "hb-komite")
                    #expect(user.role == .committeeMember)
                    #expect(user.organisation == "HB")
                }
                try await app.testing().test(.GET, "/api/v1/me", headers: ["Authorization": "Bearer nope"]) { res in
                    #expect(res.status == .unauthorized)
                }
                try await app.testing().test(
                    .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                    body: try Fixtures.json(["username": "hb-komite", "password": "wrong"])
                ) { res in
                    #expect(res.status == .unauthorized)
                }
            }
        }

        @Test func passwordsAreStoredAsBcryptHashes() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let stored = try #require(try await UserModel.query(on: app.db).first())
                #expect(stored.passwordHash.hasPrefix("$2b$") || stored.passwordHash.hasPrefix("$2a$"))
                #expect(!stored.passwordHash.contains(DemoPeople.password))
            }
        }
    }
}
