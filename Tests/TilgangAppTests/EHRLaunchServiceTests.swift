import Fluent
import Foundation
import JWTKit
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

/// The launch's store and rules on a real database: single use of the context and of the launch id, the session
/// binding, the HPR match, the patient cleared once used, and the patient's cases by the existing access rules.
/// The browser's side against a real provider is scripts/oidc_test.py.
/// Under `DatabaseTests`, so on PostgreSQL it does not run beside the other suites on the shared database.
extension DatabaseTests {
    @Suite struct EHRLaunchServiceTests {
        static let issuer = "https://dips.si.example"
        static let audience = "https://tilgang.si.example"

        struct Claims: JWTPayload {
            var iss = EHRLaunchServiceTests.issuer
            var aud = EHRLaunchServiceTests.audience
            var iat: Int
            var exp: Int
            var jti = UUID().uuidString
            var hpr: String
            var pid = APIClient.patientNIN
            var trust = "SI"

            func verify(using algorithm: some JWTAlgorithm) async throws {}
        }

        /// A service with a fresh EHR key, and a function signing contexts with it.
        static func service(_ app: Application) async throws -> (EHRLaunchService, (String) async throws -> String) {
            let key = ES256PrivateKey()
            let keys = JWTKeyCollection()
            await keys.add(ecdsa: key, kid: "dips-1")
            let parameters = try #require(key.parameters)
            let jwk = JWK.ecdsa(.es256, identifier: "dips-1", x: parameters.x, y: parameters.y, curve: .p256)
            let jwks = String(decoding: try JSONEncoder().encode(JWKS(keys: [jwk])), as: UTF8.self)
            let settings = EHRLaunchSettings(issuer: issuer, jwksJSON: jwks, audience: audience)
            let service = EHRLaunchService(database: app.db, audit: app.auditLog, clock: app.clock, settings: settings)
            return (
                service,
                { hpr in
                    let now = Int(app.clock.now.timeIntervalSince1970)
                    return try await keys.sign(Claims(iat: now, exp: now + 120, hpr: hpr))
                }
            )
        }

        static func user(_ app: Application, _ username: String) async throws -> AuthenticatedUser {
            try AuthenticatedUser(
                try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first()))
        }

        static func refusal(_ body: () async throws -> Void) async -> EHRLaunchError? {
            do {
                try await body()
                return nil
            } catch {
                return error as? EHRLaunchError
            }
        }

        @Test func aLaunchIsTakenOnceOpenedByItsPhysicianAndUsedUpByTheApplication() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let (service, sign) = try await Self.service(app)
                let doctor = try await Self.user(app, "si-lege")
                let token = try await sign("9100000")
                let (id, _) = try await service.accept(context: token)
                #expect(await Self.refusal { _ = try await service.accept(context: token) } == .replayedContext)
                #expect(
                    await Self.refusal { _ = try await service.claim(id: id, issuer: "https://x.example") }
                        == .wrongIssuer)
                #expect(
                    await Self.refusal { _ = try await service.claim(id: "ukjent", issuer: Self.issuer) }
                        == .unknownLaunch)
                let binding = try await service.claim(id: id, issuer: Self.issuer)
                #expect(await Self.refusal { _ = try await service.claim(id: id, issuer: Self.issuer) } == .usedBefore)
                #expect(
                    await Self.refusal { _ = try await service.open(binding: "annen", for: doctor) } == .otherSession)
                #expect(try await service.open(binding: binding, for: doctor) == id)
                #expect(
                    await Self.refusal { _ = try await service.open(binding: binding, for: doctor) } == .otherSession)
                let head = try await Self.user(app, "si-avdelingsleder")
                #expect(await Self.refusal { _ = try await service.opened(id, for: head) } == .notYours)
                #expect(try await service.opened(id, for: doctor).patient.digits == APIClient.patientNIN)
                try await service.finish(id)
                #expect(await Self.refusal { _ = try await service.opened(id, for: doctor) } == .usedBefore)
                let row = try #require(try await EHRLaunchModel.find(id, on: app.db))
                #expect(row.patientNIN == nil && row.patientName == nil && row.state == "used")
            }
        }

        @Test func anotherPersonsHPRNumberIsRefusedAuditedAndClearsThePatient() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let (service, sign) = try await Self.service(app)
                // The context names the department head (9100001); the physician signs in.
                let (id, _) = try await service.accept(context: try await sign("9100001"))
                let binding = try await service.claim(id: id, issuer: Self.issuer)
                let doctor = try await Self.user(app, "si-lege")
                #expect(
                    await Self.refusal { _ = try await service.open(binding: binding, for: doctor) } == .hprMismatch)
                let row = try #require(try await EHRLaunchModel.find(id, on: app.db))
                #expect(row.patientNIN == nil && row.state == "used")
                let key = app.auditLog.patientKey(for: try #require(NationalIdentityNumber(APIClient.patientNIN)))
                let refused = try await AuditEntryModel.query(on: app.db).filter(\.$action == "ehr.launch_refused")
                    .all()
                #expect(refused.count == 1 && refused.first?.patientKey == key && refused.first?.actorID == "si-lege")
                #expect(await Self.refusal { _ = try await service.opened(id, for: doctor) } == .usedBefore)
            }
        }

        @Test func aLaunchNotOpenedInFiveMinutesIsGoneAndItsRowSweptLater() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let start = Date(timeIntervalSince1970: 1_790_000_000)
                app.clock.set(start)
                let (service, sign) = try await Self.service(app)
                let (id, expires) = try await service.accept(context: try await sign("9100000"))
                #expect(expires <= start.addingTimeInterval(300))
                app.clock.set(start.addingTimeInterval(301))
                #expect(
                    await Self.refusal { _ = try await service.claim(id: id, issuer: Self.issuer) } == .unknownLaunch)
                // The next launch sweeps it: its time and its context's are past.
                _ = try await service.accept(context: try await sign("9100000"))
                #expect(try await EHRLaunchModel.find(id, on: app.db) == nil)
            }
        }

        @Test func thePatientsCasesAreThoseTheUserMaySee() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (caseID, version) = try await api.createCase(as: "si-lege")
                let cases = CaseService(
                    database: app.db, pathway: app.pathway(on: app.db), audit: app.auditLog, writes: app.caseWrites,
                    identity: app.identityCache, clock: app.clock)
                let patient = try #require(NationalIdentityNumber(APIClient.patientNIN))
                let other = try #require(NationalIdentityNumber(APIClient.otherPatientNIN))
                func seen(_ username: String, _ who: NationalIdentityNumber = patient) async throws -> [String] {
                    try await cases.casesOfPatient(who, for: try await Self.user(app, username)).map(\.id.uuidString)
                }
                #expect(try await seen("si-lege") == [caseID])
                #expect(try await seen("si-lege", other).isEmpty)
                // A draft is the applicant's alone.
                #expect(try await seen("si-avdelingsleder").isEmpty)
                #expect(try await api.act("submit", on: caseID, version: version, as: "si-lege").status == .ok)
                #expect(try await seen("si-avdelingsleder") == [caseID])
                #expect(try await seen("hb-lege").isEmpty)
                #expect(try await seen("hb-avdelingsleder").isEmpty)
            }
        }

        @Test func theLaunchEndpointIsOffWithoutConfiguration() async throws {
            try await withTilgangApp { app in
                try await app.testing().test(
                    .POST, "/api/v1/launches", headers: ["Content-Type": "application/json"],
                    body: try Fixtures.json(["context": "eyJ.x.y"])
                ) { res in
                    #expect(res.status == .notFound)
                    #expect(res.body.string.contains("ikke satt opp"))
                }
                try await app.testing().test(.GET, "/start?iss=x&launch=y") { res in #expect(res.status == .notFound) }
            }
        }
    }
}
