import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct UserAdminTests {
        static func newUser(_ overrides: [String: Any] = [:]) -> [String: Any] {
            var body: [String: Any] = [
                "username": "si-ny-lege", "displayName": "Nina Ny", "password": "langt-passord-1", "role": "physician",
                "departmentCode": "SI-MED", "hprNumber": "9144887",
            ]
            for (key, value) in overrides { body[key] = value }
            return body
        }

        @Test func administratorCreatesAUserWhoCanThenSignIn() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let admin = try await api.token("si-admin")
                // when
                try await app.testing().test(
                    .POST, "/api/v1/users", headers: api.headers(admin), body: try Fixtures.json(Self.newUser())
                ) { res in
                    // then
                    #expect(res.status == .created, "\(res.body.string)")
                    let user = try res.content.decode(UserAdminService.UserDTO.self)
                    #expect(user.organisation == "SI")
                    #expect(user.departmentCode == "SI-MED")
                    #expect(user.active)
                }
                let verified = try await app.users.verify(username: "si-ny-lege", password: "langt-passord-1")
                #expect(verified.role == .physician)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "user.create").all()
                #expect(audit.map(\.actorID) == ["si-admin"])
            }
        }

        @Test func everyBadFieldIsNamed() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let api = APIClient(app: app)
                let body = Self.newUser([
                    "username": "Ø", "displayName": " ", "password": "kort", "role": "physician",
                    "departmentCode": "HB-NEV", "hprNumber": "12",
                ])
                try await app.testing().test(
                    .POST, "/api/v1/users", headers: api.headers(try await api.token("si-admin")),
                    body: try Fixtures.json(body)
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let fields = Set(try res.content.decode(ErrorResponse.self).fields?.map(\.field) ?? [])
                    #expect(fields == ["username", "displayName", "password", "departmentCode", "hprNumber"])
                }
                // an agency role is not the trust's to give, and a taken username is refused
                try await app.testing().test(
                    .POST, "/api/v1/users", headers: api.headers(try await api.token("si-admin")),
                    body: try Fixtures.json(Self.newUser(["role": "agency_officer", "username": "si-lege"]))
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let fields = Set(try res.content.decode(ErrorResponse.self).fields?.map(\.field) ?? [])
                    #expect(fields == ["role", "username"])
                }
            }
        }

        @Test func onlyAnAdministratorOfTheSameTrustManagesAccounts() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let api = APIClient(app: app)
                let siLege = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-lege").first())
                let id = try #require(siLege.id)
                for username in ["si-direktor", "si-lege", "dmp-saksbehandler"] {
                    try await app.testing().test(
                        .GET, "/api/v1/users", headers: api.headers(try await api.token(username))
                    ) { res in #expect(res.status == .forbidden, "\(username)") }
                }
                // another trust's administrator neither sees nor changes the account
                #expect(try await api.userAction("deactivate", on: id, as: "hb-admin") == .notFound)
                try await app.testing().test(
                    .GET, "/api/v1/users", headers: api.headers(try await api.token("hb-admin"))
                ) { res in
                    let users = try res.content.decode([UserAdminService.UserDTO].self)
                    #expect(!users.isEmpty)
                    #expect(users.allSatisfy { $0.organisation == "HB" })
                }
            }
        }

        @Test func deactivationEndsTheAccountsTokensAndReactivationRestoresSignIn() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given: si-lege holds a token
                let api = APIClient(app: app)
                let lege = try await api.token("si-lege")
                let model = try #require(try await UserModel.query(on: app.db).filter(\.$username == "si-lege").first())
                let id = try #require(model.id)
                // and has just used it (so the identity cache holds it)
                try await app.testing().test(.GET, "/api/v1/me", headers: api.headers(lege)) { res in
                    #expect(res.status == .ok)
                }
                // when
                #expect(try await api.userAction("deactivate", on: id, as: "si-admin") == .ok)
                // then
                try await app.testing().test(.GET, "/api/v1/me", headers: api.headers(lege)) { res in
                    #expect(res.status == .unauthorized)
                }
                await #expect(throws: UserService.LoginError.self) {
                    _ = try await app.users.verify(username: "si-lege", password: DemoPeople.password)
                }
                #expect(
                    try await api.userAction(
                        "reset_password", on: id, as: "si-admin", fields: ["password": "nytt-passord-2"]) == .ok)
                #expect(try await api.userAction("activate", on: id, as: "si-admin") == .ok)
                #expect(try await app.users.verify(username: "si-lege", password: "nytt-passord-2").id == id)
                let actions = try await AuditEntryModel.query(on: app.db).filter(
                    \.$action ~~ [
                        "user.deactivate",
                        "user.reset_password", "user.activate",
                    ]
                ).sort(\.$sequence).all().map(\.action)
                #expect(actions == ["user.deactivate", "user.reset_password", "user.activate"])
            }
        }

        @Test func theAdministratorPageCreatesAUserWithTheFormAndShowsFieldErrors() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let (cookie, csrf) = try await DatabaseTests.AuthTests.signIn(app, as: "si-admin")
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/admin/brukere", headers: headers) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("si-avdelingsleder"))
                    #expect(!res.body.string.contains("hb-lege"))
                }
                var form = Self.newUser().mapValues { "\($0)" }
                form["csrf"] = csrf
                form["hprNumber"] = "abc"
                try await app.testing().test(
                    .POST, "/admin/brukere", headers: headers, body: DatabaseTests.AuthTests.post(form)
                ) {
                    res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("id=\"hprNumber-error\""))
                }
                form["hprNumber"] = "9144887"
                try await app.testing().test(
                    .POST, "/admin/brukere", headers: headers, body: DatabaseTests.AuthTests.post(form)
                ) {
                    res in
                    #expect(res.status == .seeOther)
                }
                #expect(try await UserModel.query(on: app.db).filter(\.$username == "si-ny-lege").count() == 1)
            }
        }
    }
}
