import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// One medicine of the compassionate-use register (SPEC §7): the national CU list with its programme and
/// agreement. No patient data.
struct CURegisterEntry: Content {
    let medicineId: String
    let name: String
    let atc: String
    /// `none`, `active` or `ended`.
    let programme: String
    let programmeTitle: String
    /// `none`, `short` (expected treatment under six months) or `long`.
    let agreement: String
    let agreementTitle: String
    let annexes: [String]
    let supplyingPharmacy: String?
}
