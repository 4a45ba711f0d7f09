import TilgangDomain

/// The patient of an opened launch, for the pages: the identity number goes into the application server-side
/// and is shown masked.
struct EHRLaunchPatient: Sendable {
    let launchID: String
    let patient: NationalIdentityNumber
    let name: String?
    let trustCode: String
}
