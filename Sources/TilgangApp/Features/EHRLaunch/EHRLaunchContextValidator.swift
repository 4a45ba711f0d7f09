import Foundation
import JWTKit
import TilgangDomain

/// Validates a launch context: signature against the EHR's JWKS and audience = Tilgang's base URL only (jwt-kit),
/// then issuer, expiry and issue time with bounded clock skew, a lifetime of at most five minutes, and the claims.
/// Whether the `jti` was seen before is the store's question (`EHRLaunchService.accept`).
struct EHRLaunchContextValidator {
    let settings: EHRLaunchSettings

    func validate(_ token: String, now: Date) async throws -> EHRLaunchContext {
        let keys = JWTKeyCollection()
        do {
            try await keys.add(jwksJSON: settings.jwksJSON)
        } catch {
            throw EHRLaunchError.notConfigured
        }
        let context: EHRLaunchContextToken
        do {
            context = try await keys.verify(token, as: EHRLaunchContextToken.self, expectedAudience: settings.audience)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw EHRLaunchError.wrongAudience
        } catch {
            throw EHRLaunchError.badSignature
        }
        guard context.iss.value == settings.issuer else { throw EHRLaunchError.wrongIssuer }
        let issued = context.iat.value
        let expires = context.exp.value
        guard expires.addingTimeInterval(settings.clockSkew) > now,
            issued.addingTimeInterval(-settings.clockSkew) <= now
        else { throw EHRLaunchError.expired }
        guard expires.timeIntervalSince(issued) <= settings.maximumContextLifetime, expires > issued else {
            throw EHRLaunchError.tooLongLived
        }
        let jti = context.jti.value
        guard !jti.isEmpty, jti.count <= 200,
            let hpr = context.hpr, !hpr.isEmpty, hpr.count <= 12, hpr.allSatisfy({ $0.isASCII && $0.isNumber }),
            let patient = context.pid.flatMap(NationalIdentityNumber.init),
            let trust = context.trust, !trust.isEmpty, trust.count <= 40
        else { throw EHRLaunchError.missingClaims }
        return EHRLaunchContext(
            tokenID: jti, hprNumber: hpr, patient: patient,
            patientName: context.patientName.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) },
            trustCode: trust, departmentCode: context.department.flatMap { $0.isEmpty ? nil : String($0.prefix(40)) },
            expires: expires)
    }
}
