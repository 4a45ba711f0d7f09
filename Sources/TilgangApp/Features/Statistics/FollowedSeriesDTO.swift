import Vapor

/// A followed medicine's patients per year for one species, with small numbers suppressed.
struct FollowedSeriesDTO: Content {
    let atc: String
    let productNumber: Int?
    /// "human" or "animal".
    let species: String
    let label: String
    /// Year → count as it may leave the system: "<5" for 1–4.
    let patients: [String: String]
}
