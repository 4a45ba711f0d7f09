import Vapor

struct AddCriticalMedicineInput: Content {
    var medicineId: String?
}
