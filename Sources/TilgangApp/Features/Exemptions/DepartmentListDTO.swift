import Foundation
import TilgangDomain
import Vapor

struct DepartmentListDTO: Content {
    let id: UUID
    let trust: String
    let departmentCode: String
    let year: Int
    let compiledBy: String
    let items: [DepartmentListItem]
    let signedBy: String?
    let signedAt: Date?
    /// A signed list covers the department from 1 January to 31 December of its year.
    let validFrom: CalendarDate?
    let validUntil: CalendarDate?
}
