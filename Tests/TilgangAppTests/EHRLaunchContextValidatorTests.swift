import Foundation
import JWTKit
import Testing

@testable import TilgangApp

/// The launch context's checks without an EHR: contexts signed here with a fresh P-256 key, its JWKS given to the
/// validator. The launch end to end (back channel, browser, HelseID) is scripts/oidc_test.py.
@Suite struct EHRLaunchContextValidatorTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let issuer = "https://dips.si.example"
    static let audience = "https://tilgang.si.example"

    struct Claims: JWTPayload {
        var iss = EHRLaunchContextValidatorTests.issuer
        var aud = [EHRLaunchContextValidatorTests.audience]
        var iat = Int(EHRLaunchContextValidatorTests.now.timeIntervalSince1970)
        var exp = Int(EHRLaunchContextValidatorTests.now.timeIntervalSince1970) + 300
        var jti: String? = "ctx-1"
        var hpr: String? = "9144889"
        var pid: String? = "13097248022"
        var patientName: String? = "Åsmund Øvrebø Ærlig"
        var trust: String? = "SI"
        var department: String? = "SI-MED"

        enum CodingKeys: String, CodingKey {
            case iss, aud, iat, exp, jti, hpr, pid, trust, department
            case patientName = "patient_name"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func validate(_ claims: Claims, publishOther: Bool = false, at now: Date = now) async throws
        -> EHRLaunchContext
    {
        let signing = ES256PrivateKey()
        let published = publishOther ? ES256PrivateKey() : signing
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: signing, kid: "dips-1")
        let token = try await keys.sign(claims)
        let parameters = try #require(published.parameters)
        let jwk = JWK.ecdsa(.es256, identifier: "dips-1", x: parameters.x, y: parameters.y, curve: .p256)
        let jwks = String(decoding: try JSONEncoder().encode(JWKS(keys: [jwk])), as: UTF8.self)
        let settings = EHRLaunchSettings(issuer: issuer, jwksJSON: jwks, audience: audience)
        return try await EHRLaunchContextValidator(settings: settings).validate(token, now: now)
    }

    static func refusal(_ claims: Claims, publishOther: Bool = false, at now: Date = now) async -> EHRLaunchError? {
        do {
            _ = try await validate(claims, publishOther: publishOther, at: now)
            return nil
        } catch {
            return error as? EHRLaunchError
        }
    }

    @Test func acceptsAValidContextAndReadsItsClaims() async throws {
        let context = try await Self.validate(Claims())
        #expect(context.hprNumber == "9144889")
        #expect(context.patient.digits == "13097248022")
        #expect(context.patientName == "Åsmund Øvrebø Ærlig")
        #expect(context.trustCode == "SI" && context.departmentCode == "SI-MED" && context.tokenID == "ctx-1")
    }

    @Test func refusesASignatureByAKeyNotInTheEHRsJWKS() async {
        #expect(await Self.refusal(Claims(), publishOther: true) == .badSignature)
    }

    @Test func refusesAnotherAudienceAndAnExtraOne() async {
        #expect(await Self.refusal(Claims(aud: ["https://other.example"])) == .wrongAudience)
        #expect(await Self.refusal(Claims(aud: [Self.audience, "https://other.example"])) == .wrongAudience)
    }

    @Test func refusesAnotherIssuer() async {
        #expect(await Self.refusal(Claims(iss: "https://evil.example")) == .wrongIssuer)
    }

    @Test func allowsSixtySecondsOfClockSkewAndNoMore() async {
        let t = Int(Self.now.timeIntervalSince1970)
        #expect(await Self.refusal(Claims(iat: t - 299, exp: t - 59)) == nil)
        #expect(await Self.refusal(Claims(iat: t - 300, exp: t - 60)) == .expired)
        #expect(await Self.refusal(Claims(iat: t + 60, exp: t + 120)) == nil)
        #expect(await Self.refusal(Claims(iat: t + 61, exp: t + 120)) == .expired)
    }

    @Test func aContextLivesFiveMinutesAtMost() async {
        let t = Int(Self.now.timeIntervalSince1970)
        #expect(await Self.refusal(Claims(iat: t, exp: t + 300)) == nil)
        #expect(await Self.refusal(Claims(iat: t, exp: t + 301)) == .tooLongLived)
        #expect(await Self.refusal(Claims(iat: t, exp: t)) == .tooLongLived)
    }

    @Test func refusesMissingOrMalformedClaims() async {
        #expect(await Self.refusal(Claims(jti: nil)) != nil)
        #expect(await Self.refusal(Claims(jti: "")) == .missingClaims)
        #expect(await Self.refusal(Claims(jti: String(repeating: "j", count: 201))) == .missingClaims)
        #expect(await Self.refusal(Claims(hpr: nil)) == .missingClaims)
        #expect(await Self.refusal(Claims(hpr: "91-4")) == .missingClaims)
        // A wrong check digit is not an identity number.
        #expect(await Self.refusal(Claims(pid: "13097248023")) == .missingClaims)
        #expect(await Self.refusal(Claims(pid: nil)) == .missingClaims)
        #expect(await Self.refusal(Claims(trust: "")) == .missingClaims)
        #expect(await Self.refusal(Claims(patientName: nil, department: nil)) == nil)
    }

    @Test func theBrowsersURLCarriesNoPatientData() {
        let settings = EHRLaunchSettings(issuer: Self.issuer, jwksJSON: "{}", audience: Self.audience + "/")
        let url = EHRLaunchPageController.launchURL(settings, id: "abc_-1")
        #expect(url == "https://tilgang.si.example/start?iss=https://dips.si.example&launch=abc_-1")
    }

    @Test func productionWantsTheLaunchOnHTTPS() throws {
        let settings = TilgangSettings(database: .sqlite(path: "/tmp/x.sqlite"), adminToken: nil)
        let key = String(repeating: "k", count: 48)
        #expect(throws: StartupPolicy.Refused.self) {
            try StartupPolicy.check(
                .production, settings: settings,
                variables: [
                    "TILGANG_AUDIT_KEY": key, "TILGANG_EHR_ISSUER": Self.issuer,
                    "TILGANG_EHR_AUDIENCE": "http://tilgang.si.example",
                ])
        }
        try StartupPolicy.check(
            .production, settings: settings,
            variables: [
                "TILGANG_AUDIT_KEY": key, "TILGANG_EHR_ISSUER": Self.issuer, "TILGANG_EHR_AUDIENCE": Self.audience,
            ])
    }

    @Test func refusalsAreNorwegianAndNameTheCause() {
        #expect(EHRLaunchError.hprMismatch.reason.contains("HPR-nummeret stemmer ikke"))
        #expect(EHRLaunchError.usedBefore.reason.contains("allerede brukt"))
        #expect(EHRLaunchError.hprMismatch.status == .forbidden && EHRLaunchError.replayedContext.status == .conflict)
    }
}
