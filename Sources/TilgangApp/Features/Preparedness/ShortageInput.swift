import Vapor

/// A shortage as typed in; dates DD.MM.YYYY or YYYY-MM-DD.
struct ShortageInput: Content {
    var medicineId: String?
    var start: String?
    var cause: String?
    var expectedEnd: String?
    var actualEnd: String?
    /// Separated by `;`, `,` or line breaks.
    var affectedProducts: String?
    var measures: [String]?
    var note: String?
}
