import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// «Lag API-nøkkel» on Min side, and the token endpoint when local passwords are off.
    @Suite struct APIKeyTests {
        static func formHeaders(_ cookie: String) -> HTTPHeaders {
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.cookie = ["tilgang-session": .init(string: cookie)]
            return headers
        }

        /// The token shown on the page, read from the `api-key` field.
        static func token(in html: String) throws -> String {
            let marker = #"id="api-key" readonly value=""#
            let start = try #require(html.range(of: marker)).upperBound
            let end = try #require(html[start...].firstIndex(of: "\""))
            return String(html[start..<end])
        }

        @Test func aSignedInUserGetsAKeyShownOnceThatOpensTheAPIAsThemAndIsAudited() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, csrf) = try await AuthTests.signIn(app, as: "si-lege")
                var token = ""
                try await app.testing().test(
                    .POST, "/min-side/api-nokkel", headers: Self.formHeaders(cookie),
                    body: AuthTests.post(["csrf": csrf])
                ) { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.first(name: .cacheControl) == "no-store")
                    token = try Self.token(in: res.body.string)
                }
                #expect(token.count >= 40)
                var bearer = HTTPHeaders()
                bearer.bearerAuthorization = .init(token: token)
                try await app.testing().test(.GET, "/api/v1/me", headers: bearer) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("\"username\":\"si-lege\""))
                }
                let rows = try await AuditEntryModel.query(on: app.db).filter(\.$action == "user.api_token").all()
                #expect(rows.count == 1 && rows[0].actorID == "si-lege")
                #expect(!rows[0].detail.contains(token), "the audit log never holds the token")
            }
        }

        @Test func withoutSignInOrCSRFTokenNoKeyIsIssued() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-lege")
                try await app.testing().test(
                    .POST, "/min-side/api-nokkel", headers: Self.formHeaders(cookie),
                    body: AuthTests.post(["csrf": "forged"])
                ) { res in
                    #expect(res.status == .forbidden)
                    #expect(!res.body.string.contains("id=\"api-key\""))
                }
                let (anonymous, csrf) = try await AuthTests.loginForm(app)
                try await app.testing().test(
                    .POST, "/min-side/api-nokkel", headers: Self.formHeaders(anonymous),
                    body: AuthTests.post(["csrf": csrf])
                ) { res in
                    #expect(res.status == .seeOther || res.status == .unauthorized || res.status == .forbidden)
                    #expect(!res.body.string.contains("id=\"api-key\""))
                }
                let issued = try await UserTokenModel.query(on: app.db).count()
                #expect(issued == 0)
            }
        }

        @Test func withLocalPasswordsOffTheTokenEndpointRefusesPasswords() async throws {
            setenv("TILGANG_LOCAL_LOGIN", "0", 1)
            defer { unsetenv("TILGANG_LOCAL_LOGIN") }
            try await withTilgangApp(demoPeople: true) { app in
                try await app.testing().test(
                    .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                    body: ByteBuffer(string: #"{"username":"si-lege","password":"\#(DemoPeople.password)"}"#)
                ) { res in
                    #expect(res.status == .forbidden)
                    #expect(res.body.string.contains("Lokale passord er slått av"))
                }
                #expect(try await UserTokenModel.query(on: app.db).count() == 0)
            }
        }
    }
}
