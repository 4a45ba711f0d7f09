import Foundation
import TilgangDomain
import Vapor

/// Table 1 of seed 004: agency decisions and notifications counted apart.
struct ExemptionCountsDTO: Content {
    let year: Int
    let agencyApplications: Int
    let approved: Int
    let refused: Int
    let pending: Int
    let notifications: Int
}
