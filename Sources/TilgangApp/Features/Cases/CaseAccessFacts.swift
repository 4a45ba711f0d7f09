import Foundation
import TilgangDomain

/// What access and work-list rules look at on a case (`CaseAccess`).
protocol CaseAccessFacts {
    var applicantID: UUID { get }
    var state: String { get }
    var trustCode: String { get }
    var departmentCode: String { get }
    var patientTrustCode: String { get }
    var chainVersion: Int { get }
}
