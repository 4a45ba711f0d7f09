import Foundation
import JWTKit

/// The launch context the EHR signs: who launches (`hpr`), for which patient (`pid`, the identity number; `name`
/// optional), from which trust and department, and the registered claims (`jti` once only, at most five minutes).
struct EHRLaunchContextToken: JWTIdentityToken {
    let iss: IssuerClaim
    let aud: AudienceClaim
    let iat: IssuedAtClaim
    let exp: ExpirationClaim
    let jti: IDClaim
    let hpr: String?
    let pid: String?
    let patientName: String?
    let trust: String?
    let department: String?

    /// jwt-kit's audience check reads it here: `aud` must be Tilgang's base URL and nothing else.
    var audience: AudienceClaim { aud }

    enum CodingKeys: String, CodingKey {
        case iss, aud, iat, exp, jti, hpr, pid, trust, department
        case patientName = "patient_name"
    }

    /// Time and issuer are checked by `EHRLaunchContextValidator` against the application's clock; jwt-kit checks
    /// the signature and the audience.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
