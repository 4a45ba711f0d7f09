import TilgangDomain
import Vapor

/// Applications per year from Tilgang's own exemption records (Tables 1 and 5 of seed 004). Counts of 1–4 are
/// "<5" (`ReportedCount`): so few applications could point at a patient.
struct ApplicationsPerYearDTO: Content {
    let year: Int
    let species: String
    /// Applications to DMP, decided or not.
    let received: ReportedCount
    /// Applications DMP has decided (not those received or under assessment).
    let agencyDecided: ReportedCount
    let notifications: ReportedCount
}
