import Vapor

/// How Tilgang signs people in with HelseID (or another OpenID provider of the same shape), read from the
/// environment. `nil` when `TILGANG_OIDC_ISSUER` is unset: then only local passwords exist.
struct HelseIDSettings: Sendable {
    /// The provider's issuer; its discovery document is `<issuer>/.well-known/openid-configuration`.
    let issuer: String
    let clientID: String
    /// The PEM of the key that signs the client assertion (`private_key_jwt`): RSA (RS256) or P-256 (ES256).
    let privateKeyPEM: String
    /// Where the provider sends the browser back; must be registered with the provider exactly.
    let redirectURI: String
    let scope: String
    let hprClaim: String
    let identityClaim: String
    let securityLevelClaim: String
    /// Security levels that may see patient data; HelseID's high level is `4`.
    let requiredSecurityLevels: Set<String>
    /// How far the provider's clock may be from ours when checking `exp` and `iat`.
    let clockSkew: TimeInterval

    static let defaultHPRClaim = "helseid://claims/hpr/hpr_number"
    static let defaultIdentityClaim = "helseid://claims/identity/pid"
    static let defaultSecurityLevelClaim = "helseid://claims/identity/security_level"

    /// `scheme://host[:port]` of the issuer, where sign-in and sign-out send the browser.
    var providerOrigin: String? {
        guard let url = URL(string: issuer), let scheme = url.scheme, let host = url.host,
            ["http", "https"].contains(scheme), !host.contains(where: { " ;'\"".contains($0) })
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func fromEnvironment() throws -> HelseIDSettings? {
        guard let issuer = Environment.get("TILGANG_OIDC_ISSUER"), !issuer.isEmpty else { return nil }
        guard let clientID = Environment.get("TILGANG_OIDC_CLIENT_ID"), !clientID.isEmpty else {
            throw Invalid(description: "TILGANG_OIDC_CLIENT_ID must be set when TILGANG_OIDC_ISSUER is")
        }
        guard let keyFile = Environment.get("TILGANG_OIDC_PRIVATE_KEY_FILE"),
            let pem = try? String(contentsOfFile: keyFile, encoding: .utf8)
        else {
            throw Invalid(description: "TILGANG_OIDC_PRIVATE_KEY_FILE must name a readable PEM file")
        }
        guard let redirect = Environment.get("TILGANG_OIDC_REDIRECT_URI"), !redirect.isEmpty else {
            throw Invalid(
                description: "TILGANG_OIDC_REDIRECT_URI must be set (https://<host>/logg-inn/helseid/callback)")
        }
        let levels = (Environment.get("TILGANG_OIDC_SECURITY_LEVELS") ?? "4").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return HelseIDSettings(
            issuer: issuer, clientID: clientID, privateKeyPEM: pem, redirectURI: redirect,
            scope: Environment.get("TILGANG_OIDC_SCOPE") ?? "openid profile helseid://scopes/identity/pid "
                + "helseid://scopes/identity/security_level helseid://scopes/hpr/hpr_number",
            hprClaim: Environment.get("TILGANG_OIDC_HPR_CLAIM") ?? defaultHPRClaim,
            identityClaim: Environment.get("TILGANG_OIDC_PID_CLAIM") ?? defaultIdentityClaim,
            securityLevelClaim: Environment.get("TILGANG_OIDC_SECURITY_LEVEL_CLAIM") ?? defaultSecurityLevelClaim,
            requiredSecurityLevels: Set(levels), clockSkew: 60)
    }

    /// Whether the local password form is offered (`TILGANG_LOCAL_LOGIN=0` switches it off).
    static var localLoginEnabled: Bool { Environment.get("TILGANG_LOCAL_LOGIN") != "0" }
}

extension Application {
    private struct HelseIDSettingsKey: StorageKey {
        typealias Value = HelseIDSettings
    }

    /// The HelseID settings; `nil` means sign-in with local passwords only.
    var helseID: HelseIDSettings? {
        get { storage[HelseIDSettingsKey.self] }
        set { storage[HelseIDSettingsKey.self] = newValue }
    }
}
