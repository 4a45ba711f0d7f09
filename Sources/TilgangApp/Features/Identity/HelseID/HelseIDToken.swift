import Foundation
import JWTKit

/// An ID token from the provider: the registered claims, and every other string or number claim by name, because
/// the names of the HPR number, identity number and security level are configuration (HelseID's by default).
struct HelseIDToken: JWTIdentityToken {
    let issuer: IssuerClaim
    let subject: SubjectClaim
    let audience: AudienceClaim
    let issuedAt: IssuedAtClaim
    let expires: ExpirationClaim
    let nonce: String?
    let name: String?
    /// Other claims whose value is a string or a number, as text.
    let other: [String: String]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let registered: Set<String> = ["iss", "sub", "aud", "iat", "exp", "nonce", "name"]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        issuer = try container.decode(IssuerClaim.self, forKey: Key(stringValue: "iss"))
        subject = try container.decode(SubjectClaim.self, forKey: Key(stringValue: "sub"))
        audience = try container.decode(AudienceClaim.self, forKey: Key(stringValue: "aud"))
        issuedAt = try container.decode(IssuedAtClaim.self, forKey: Key(stringValue: "iat"))
        expires = try container.decode(ExpirationClaim.self, forKey: Key(stringValue: "exp"))
        nonce = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "nonce"))
        name = try? container.decodeIfPresent(String.self, forKey: Key(stringValue: "name"))
        var other: [String: String] = [:]
        for key in container.allKeys where !Self.registered.contains(key.stringValue) {
            if let text = try? container.decode(String.self, forKey: key) {
                other[key.stringValue] = text
            } else if let number = try? container.decode(Int.self, forKey: key) {
                other[key.stringValue] = String(number)
            }
        }
        self.other = other
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(issuer, forKey: Key(stringValue: "iss"))
        try container.encode(subject, forKey: Key(stringValue: "sub"))
        try container.encode(audience, forKey: Key(stringValue: "aud"))
        try container.encode(issuedAt, forKey: Key(stringValue: "iat"))
        try container.encode(expires, forKey: Key(stringValue: "exp"))
        try container.encodeIfPresent(nonce, forKey: Key(stringValue: "nonce"))
        try container.encodeIfPresent(name, forKey: Key(stringValue: "name"))
        for (key, value) in other { try container.encode(value, forKey: Key(stringValue: key)) }
    }

    /// Time, issuer and nonce are checked by `HelseIDTokenValidator` against the application's clock and the
    /// session; jwt-kit checks the signature and the audience.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
