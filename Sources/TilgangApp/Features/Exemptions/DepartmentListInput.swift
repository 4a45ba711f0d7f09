import Vapor

struct DepartmentListInput: Content {
    var departmentCode: String?
    var year: Int?
    var items: [DepartmentListItem]?
}
