import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

struct CUCaseInput: Content {
    /// `cup` or `cunp`.
    var kind: String?
    var medicineId: String?
    var patientNIN: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var pharmacyCostsCharged: Bool?
    /// Advanced therapy (cell therapy): kept 30 years.
    var advancedTherapy: Bool?
}
