import Foundation
import Vapor

struct ShortageDTO: Content {
    let id: UUID
    let medicineId: String
    let medicineName: String
    let start: String
    let cause: String
    let causeTitle: String
    let expectedEnd: String?
    let actualEnd: String?
    let affectedProducts: [String]
    let measures: [String]
    let note: String
    let active: Bool
    let recordedBy: String
    let version: Int
}

extension ShortageDTO: Versioned {}
