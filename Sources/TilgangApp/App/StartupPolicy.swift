import Vapor

/// What production refuses to start without. A production server on the public development audit key, or with
/// session cookies that travel over plain HTTP, is unsafe without anyone noticing; so it does not start, and
/// says why.
enum StartupPolicy {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    static let minimumAuditKeyLength = 32

    static func check(_ environment: Environment, settings: TilgangSettings, variables: [String: String]) throws {
        guard environment == .production else { return }
        guard let key = variables["TILGANG_AUDIT_KEY"], key != TilgangSettings.developmentAuditKey,
            key.count >= minimumAuditKeyLength
        else {
            throw Refused(
                description:
                    "Production needs TILGANG_AUDIT_KEY: a secret of at least \(minimumAuditKeyLength) characters "
                    + "(for example `openssl rand -base64 48`); the built-in development key is public.")
        }
        if variables["TILGANG_SECURE_COOKIES"] == "0" && variables["TILGANG_INSECURE_COOKIES_ON_LOOPBACK"] != "1" {
            throw Refused(
                description:
                    "TILGANG_SECURE_COOKIES=0 sends session cookies over plain HTTP. Production refuses that unless "
                    + "TILGANG_INSECURE_COOKIES_ON_LOOPBACK=1 says the server is reached only on loopback behind a "
                    + "TLS proxy on the same host.")
        }
        if let issuer = variables["TILGANG_OIDC_ISSUER"], !issuer.isEmpty, !issuer.lowercased().hasPrefix("https://") {
            throw Refused(
                description:
                    "TILGANG_OIDC_ISSUER must be an https:// URL in production: the discovery document, the keys "
                    + "and the tokens come from there.")
        }
        if let issuer = variables["TILGANG_EHR_ISSUER"], !issuer.isEmpty {
            let audience = variables["TILGANG_EHR_AUDIENCE"] ?? variables["TILGANG_PUBLIC_URL"] ?? ""
            guard audience.lowercased().hasPrefix("https://") else {
                throw Refused(
                    description:
                        "TILGANG_EHR_AUDIENCE (or TILGANG_PUBLIC_URL) must be an https:// URL in production: the "
                        + "browser opens the launch there.")
            }
        }
    }

    /// Demo users (with their published password) and the demo catalogue are loaded by `serve` only in
    /// development and tests; production gets them only through `tilgang demo load --allow-production`.
    static func servesDemoData(_ environment: Environment, variables: [String: String]) -> Bool {
        [.development, .testing].contains(environment) && variables["TILGANG_DEMO_DATA"] != "0"
    }
}
