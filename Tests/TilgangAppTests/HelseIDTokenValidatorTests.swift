import Foundation
import JWTKit
import Testing

@testable import TilgangApp

/// The ID-token checks without a provider: tokens signed here with a fresh P-256 key, its JWKS given to the
/// validator. The end-to-end flow against a real provider is scripts/oidc_test.py.
@Suite struct HelseIDTokenValidatorTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let settings = HelseIDSettings(
        issuer: "https://helseid-sts.test.nhn.no", clientID: "tilgang-si", privateKeyPEM: "", redirectURI: "",
        scope: "openid", hprClaim: HelseIDSettings.defaultHPRClaim, identityClaim: HelseIDSettings.defaultIdentityClaim,
        securityLevelClaim: HelseIDSettings.defaultSecurityLevelClaim, requiredSecurityLevels: ["4"], clockSkew: 60)

    struct Claims: JWTPayload {
        var iss = "https://helseid-sts.test.nhn.no"
        var sub = "abc"
        var aud = ["tilgang-si"]
        var iat = Int(HelseIDTokenValidatorTests.now.timeIntervalSince1970)
        var exp = Int(HelseIDTokenValidatorTests.now.timeIntervalSince1970) + 300
        var nonce: String? = "n-123"
        var name = "Åse Ørnebakk Lædre"
        var hpr: String? = "9144889"
        var pid: String? = "13097248022"
        var level = "4"

        enum CodingKeys: String, CodingKey {
            case iss, sub, aud, iat, exp, nonce, name
            case hpr = "helseid://claims/hpr/hpr_number"
            case pid = "helseid://claims/identity/pid"
            case level = "helseid://claims/identity/security_level"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// Signs `claims` with a new key; `jwksKey` is the key published in the JWKS (another one for a bad signature).
    static func token(_ claims: Claims, publish other: Bool = false) async throws -> (token: String, jwks: String) {
        let signing = ES256PrivateKey()
        let published = other ? ES256PrivateKey() : signing
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: signing, kid: "k1")
        let token = try await keys.sign(claims)
        let parameters = try #require(published.parameters)
        let jwk = JWK.ecdsa(.es256, identifier: "k1", x: parameters.x, y: parameters.y, curve: .p256)
        let jwks = String(decoding: try JSONEncoder().encode(JWKS(keys: [jwk])), as: UTF8.self)
        return (token, jwks)
    }

    static func validate(_ claims: Claims, publishOther: Bool = false, at now: Date = now) async throws
        -> HelseIDIdentity
    {
        let (token, jwks) = try await token(claims, publish: publishOther)
        return try await HelseIDTokenValidator(settings: settings, issuer: settings.issuer)
            .validate(idToken: token, jwksJSON: jwks, nonce: "n-123", now: now)
    }

    static func refusal(_ claims: Claims, publishOther: Bool = false, at now: Date = now) async -> HelseIDSignInError? {
        do {
            _ = try await validate(claims, publishOther: publishOther, at: now)
            return nil
        } catch {
            return error as? HelseIDSignInError
        }
    }

    @Test func acceptsAValidTokenAndReadsTheConfiguredClaims() async throws {
        let identity = try await Self.validate(Claims())
        #expect(identity.hprNumber == "9144889")
        #expect(identity.name == "Åse Ørnebakk Lædre")
        #expect(identity.securityLevel == "4")
    }

    @Test func refusesASignatureByAKeyNotInTheJWKS() async {
        #expect(await Self.refusal(Claims(), publishOther: true) == .badSignature)
    }

    @Test func refusesAnotherAudienceAndAnExtraUntrustedOne() async {
        #expect(await Self.refusal(Claims(aud: ["other-client"])) == .wrongAudience)
        #expect(await Self.refusal(Claims(aud: ["tilgang-si", "other-client"])) == .wrongAudience)
    }

    @Test func refusesAnotherIssuer() async {
        #expect(await Self.refusal(Claims(iss: "https://evil.example")) == .wrongIssuer)
    }

    @Test func allowsSixtySecondsOfClockSkewAndNoMore() async {
        let exp = Int(Self.now.timeIntervalSince1970)
        #expect(await Self.refusal(Claims(exp: exp - 59)) == nil)
        #expect(await Self.refusal(Claims(exp: exp - 60)) == .expired)
        #expect(await Self.refusal(Claims(iat: exp + 60)) == nil)
        #expect(await Self.refusal(Claims(iat: exp + 61)) == .expired)
    }

    @Test func refusesAMissingOrForeignNonce() async {
        #expect(await Self.refusal(Claims(nonce: nil)) == .nonceMismatch)
        #expect(await Self.refusal(Claims(nonce: "n-124")) == .nonceMismatch)
    }

    @Test func refusesALowSecurityLevelAndMissingClaims() async {
        #expect(await Self.refusal(Claims(level: "3")) == .lowSecurityLevel)
        #expect(await Self.refusal(Claims(hpr: nil)) == .missingClaims)
        #expect(await Self.refusal(Claims(hpr: "91-4")) == .missingClaims)
        #expect(await Self.refusal(Claims(pid: nil)) == .missingClaims)
    }

    @Test func pkceChallengeIsTheBase64URLSHA256OfTheVerifier() {
        // The value computed independently with Python's hashlib.sha256 and urlsafe_b64encode.
        let pkce = PKCEChallenge(verifier: "dBjftJeZ4CVP-mJ92K9qpHGxfbnBlE6Bh-s6fNyJ8p0")
        #expect(pkce.challenge == "fo43TLosevTV77A3KmSS_J1UtF_089p-hh44VsBDzd4")
        #expect(PKCEChallenge().verifier.count == 43)
    }

    @Test func errorPagesAreNorwegianAndNameTheCause() {
        #expect(HelseIDSignInError.lowSecurityLevel.reason.contains("sikkerhetsnivå"))
        #expect(HelseIDSignInError.wrongAudience.reason.contains("annen tjeneste"))
    }

    @Test func productionRefusesAPlainHTTPIssuer() throws {
        let settings = TilgangSettings(database: .sqlite(path: "/tmp/x.sqlite"), adminToken: nil)
        let key = String(repeating: "k", count: 48)
        #expect(throws: StartupPolicy.Refused.self) {
            try StartupPolicy.check(
                .production, settings: settings,
                variables: ["TILGANG_AUDIT_KEY": key, "TILGANG_OIDC_ISSUER": "http://helseid-sts.nhn.no"])
        }
        try StartupPolicy.check(
            .production, settings: settings,
            variables: ["TILGANG_AUDIT_KEY": key, "TILGANG_OIDC_ISSUER": "https://helseid-sts.nhn.no"])
    }

    @Test func formsMayLeadToTheProvidersOriginOnly() {
        #expect(Self.settings.providerOrigin == "https://helseid-sts.test.nhn.no")
        let policy = SecurityHeadersMiddleware.contentSecurityPolicy(formActionAlso: Self.settings.providerOrigin)
        #expect(policy.contains("form-action 'self' https://helseid-sts.test.nhn.no;"))
        #expect(
            SecurityHeadersMiddleware.contentSecurityPolicy(formActionAlso: nil)
                == SecurityHeadersMiddleware.contentSecurityPolicy)
    }
}
