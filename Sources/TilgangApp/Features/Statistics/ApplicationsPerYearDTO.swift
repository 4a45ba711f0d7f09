import Vapor

/// Applications per year from Tilgang's own exemption records (Tables 1 and 5 of seed 004).
struct ApplicationsPerYearDTO: Content {
    let year: Int
    let species: String
    let agencyDecided: Int
    let notifications: Int
}
