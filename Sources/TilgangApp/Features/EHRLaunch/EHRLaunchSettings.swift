import Foundation
import Vapor

/// The EHR (DIPS Arena) Tilgang accepts launches from, read from the environment. `nil` when `TILGANG_EHR_ISSUER`
/// is unset: then the launch endpoints answer 404.
struct EHRLaunchSettings: Sendable {
    /// The EHR's issuer id: the launch context's `iss` and the `iss` of the browser's `/start` URL.
    let issuer: String
    /// The EHR's public keys (a JWKS document), which verify the launch context's signature.
    let jwksJSON: String
    /// Tilgang's base URL as the EHR addresses it: the only `aud` accepted, and the start of the browser's URL.
    let audience: String
    /// How far the EHR's clock may be from ours.
    let clockSkew: TimeInterval
    /// The longest a launch context may live (`exp` − `iat`).
    let maximumContextLifetime: TimeInterval
    /// How long the browser has to open a launch the EHR handed over.
    let openWithin: TimeInterval
    /// How long a launch opened by its user keeps the patient for the new application.
    let openedLifetime: TimeInterval

    static let standardMaximumContextLifetime: TimeInterval = 300

    init(
        issuer: String, jwksJSON: String, audience: String, clockSkew: TimeInterval = 60,
        maximumContextLifetime: TimeInterval = standardMaximumContextLifetime, openWithin: TimeInterval = 300,
        openedLifetime: TimeInterval = 3600
    ) {
        self.issuer = issuer
        self.jwksJSON = jwksJSON
        self.audience = audience
        self.clockSkew = clockSkew
        self.maximumContextLifetime = maximumContextLifetime
        self.openWithin = openWithin
        self.openedLifetime = openedLifetime
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func fromEnvironment(helseID: HelseIDSettings?) throws -> EHRLaunchSettings? {
        guard let issuer = Environment.get("TILGANG_EHR_ISSUER"), !issuer.isEmpty else { return nil }
        // The launch signs the user in through HelseID; without it there is no one to match the context against.
        guard helseID != nil else {
            throw Invalid(description: "TILGANG_EHR_ISSUER needs sign-in with HelseID (TILGANG_OIDC_ISSUER)")
        }
        guard let file = Environment.get("TILGANG_EHR_JWKS_FILE"),
            let jwks = try? String(contentsOfFile: file, encoding: .utf8)
        else { throw Invalid(description: "TILGANG_EHR_JWKS_FILE must name a readable JWKS file") }
        let audience = Environment.get("TILGANG_EHR_AUDIENCE") ?? Environment.get("TILGANG_PUBLIC_URL") ?? ""
        guard let url = URL(string: audience), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw Invalid(
                description: "TILGANG_EHR_AUDIENCE (or TILGANG_PUBLIC_URL) must be Tilgang's base URL, https://<host>")
        }
        return EHRLaunchSettings(issuer: issuer, jwksJSON: jwks, audience: audience)
    }
}

extension Application {
    private struct EHRLaunchSettingsKey: StorageKey {
        typealias Value = EHRLaunchSettings
    }

    /// The EHR launch settings; `nil` means no launch from the patient's record.
    var ehrLaunch: EHRLaunchSettings? {
        get { storage[EHRLaunchSettingsKey.self] }
        set { storage[EHRLaunchSettingsKey.self] = newValue }
    }
}
