import Vapor

/// One medicine on a department's annual list.
struct DepartmentListItem: Content, Equatable {
    var medicineId: String
    var medicineName: String?
    var indication: String
    var quantity: String
    var justification: String
}
