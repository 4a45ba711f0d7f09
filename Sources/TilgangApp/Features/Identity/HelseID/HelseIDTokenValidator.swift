import Foundation
import JWTKit

/// Validates an ID token: signature against the provider's JWKS and audience (jwt-kit), then issuer, expiry and
/// issue time with bounded clock skew, the nonce of this sign-in, the HPR number and the security level.
struct HelseIDTokenValidator {
    let settings: HelseIDSettings
    let issuer: String

    func validate(idToken: String, jwksJSON: String, nonce: String, now: Date) async throws -> HelseIDIdentity {
        let keys = JWTKeyCollection()
        do {
            try await keys.add(jwksJSON: jwksJSON)
        } catch {
            throw HelseIDSignInError.providerUnavailable
        }
        let token: HelseIDToken
        do {
            token = try await keys.verify(idToken, as: HelseIDToken.self, expectedAudience: settings.clientID)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw HelseIDSignInError.wrongAudience
        } catch {
            throw HelseIDSignInError.badSignature
        }
        guard token.issuer.value == issuer else { throw HelseIDSignInError.wrongIssuer }
        guard token.expires.value.addingTimeInterval(settings.clockSkew) > now,
            token.issuedAt.value.addingTimeInterval(-settings.clockSkew) <= now
        else { throw HelseIDSignInError.expired }
        guard let given = token.nonce, !nonce.isEmpty, given == nonce else { throw HelseIDSignInError.nonceMismatch }
        guard let hpr = token.other[settings.hprClaim], !hpr.isEmpty, hpr.allSatisfy(\.isNumber),
            let pid = token.other[settings.identityClaim], !pid.isEmpty
        else { throw HelseIDSignInError.missingClaims }
        let level = token.other[settings.securityLevelClaim] ?? ""
        guard settings.requiredSecurityLevels.contains(level) else { throw HelseIDSignInError.lowSecurityLevel }
        return HelseIDIdentity(
            hprNumber: hpr, identityNumber: pid, name: token.name ?? "HPR \(hpr)", securityLevel: level)
    }
}
