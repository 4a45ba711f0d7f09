import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct UserEmailTests {
        @Test func demoPeopleHaveAddressesAndTheAdministratorSetsOne() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given: demo people have example.no addresses
                let api = APIClient(app: app)
                let lege = try #require(try await UserModel.query(on: app.db).filter(\.$username == "si-lege").first())
                #expect(lege.email == "si-lege@si.example.no")
                let id = try lege.requireID()
                let admin = api.headers(try await api.token("si-admin"))
                // when the administrator gives a new address
                try await app.testing().test(
                    .POST, "/api/v1/users/\(id)/actions", headers: admin,
                    body: try Fixtures.json(["action": "set_email", "email": "lise.lege@sykehuset-innlandet.no"])
                ) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    let user = try res.content.decode(UserAdminService.UserDTO.self)
                    #expect(user.email == "lise.lege@sykehuset-innlandet.no")
                }
                // then it is stored and audited, and the user's sessions are left alone
                #expect(try await UserModel.find(id, on: app.db)?.email == "lise.lege@sykehuset-innlandet.no")
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "user.set_email").count() == 1)
                // an address that could add a header or a recipient is refused by its Norwegian label
                for bad in ["lise@si.example.no\r\nBcc: alle@example.no", "lise lege@si.example.no", "ingen-krøllalfa"]
                {
                    try await app.testing().test(
                        .POST, "/api/v1/users/\(id)/actions", headers: admin,
                        body: try Fixtures.json(["action": "set_email", "email": bad])
                    ) { res in
                        #expect(res.status == .unprocessableEntity)
                        #expect(res.body.string.contains("email"))
                    }
                }
                #expect(try await UserModel.find(id, on: app.db)?.email == "lise.lege@sykehuset-innlandet.no")
                // another trust's administrator cannot touch it
                try await app.testing().test(
                    .POST, "/api/v1/users/\(id)/actions", headers: api.headers(try await api.token("hb-admin")),
                    body: try Fixtures.json(["action": "set_email", "email": "annen@example.no"])
                ) { res in #expect(res.status == .notFound) }
                // and an empty address removes it
                try await app.testing().test(
                    .POST, "/api/v1/users/\(id)/actions", headers: admin,
                    body: try Fixtures.json(["action": "set_email", "email": ""])
                ) { res in #expect(res.status == .ok) }
                #expect(try await UserModel.find(id, on: app.db)?.email == nil)
            }
        }

        @Test func aNewUserMayBeGivenAnAddressAndABadOneIsNamed() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                let api = APIClient(app: app)
                let admin = api.headers(try await api.token("si-admin"))
                try await app.testing().test(
                    .POST, "/api/v1/users", headers: admin,
                    body: try Fixtures.json(UserAdminTests.newUser(["email": "<nina>@si.example.no"]))
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("email"))
                }
                try await app.testing().test(
                    .POST, "/api/v1/users", headers: admin,
                    body: try Fixtures.json(UserAdminTests.newUser(["email": "nina.ny@si.example.no"]))
                ) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    let user = try res.content.decode(UserAdminService.UserDTO.self)
                    #expect(user.email == "nina.ny@si.example.no")
                }
            }
        }
    }
}
