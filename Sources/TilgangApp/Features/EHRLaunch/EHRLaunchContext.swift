import Foundation
import TilgangDomain

/// A launch context whose signature, audience, time and claims are checked. Patient data: kept in the
/// `ehr_launches` row only, never logged or put in the session.
struct EHRLaunchContext: Sendable, Equatable {
    let tokenID: String
    let hprNumber: String
    let patient: NationalIdentityNumber
    let patientName: String?
    let trustCode: String
    let departmentCode: String?
    let expires: Date
}
