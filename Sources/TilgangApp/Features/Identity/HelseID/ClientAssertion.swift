import JWTKit
import Vapor

/// The signed JWT with which Tilgang authenticates itself at the token endpoint (`private_key_jwt`, RFC 7523):
/// issuer and subject are the client id, the audience the token endpoint, valid for a minute, used once.
struct ClientAssertion: JWTPayload {
    let iss: IssuerClaim
    let sub: SubjectClaim
    let aud: AudienceClaim
    let jti: IDClaim
    let iat: IssuedAtClaim
    let exp: ExpirationClaim

    init(clientID: String, tokenEndpoint: String, now: Date) {
        iss = IssuerClaim(value: clientID)
        sub = SubjectClaim(value: clientID)
        aud = AudienceClaim(value: tokenEndpoint)
        jti = IDClaim(value: PKCEChallenge.randomValue())
        iat = IssuedAtClaim(value: now)
        exp = ExpirationClaim(value: now.addingTimeInterval(60))
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// Signs with the configured key: RS256 for an RSA key, ES256 for a P-256 key.
    static func sign(clientID: String, tokenEndpoint: String, now: Date, pem: String) async throws -> String {
        let keys = JWTKeyCollection()
        if let rsa = try? Insecure.RSA.PrivateKey(pem: pem) {
            await keys.add(rsa: rsa, digestAlgorithm: .sha256, kid: "tilgang")
        } else {
            await keys.add(ecdsa: try ES256PrivateKey(pem: pem), kid: "tilgang")
        }
        return try await keys.sign(ClientAssertion(clientID: clientID, tokenEndpoint: tokenEndpoint, now: now))
    }
}
