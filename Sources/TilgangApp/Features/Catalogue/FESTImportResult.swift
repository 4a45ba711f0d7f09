import Vapor

/// What a FEST import did to the catalogue.
struct FESTImportResult: Content, Equatable {
    var release = ""
    var added = 0
    var changed = 0
    var unchanged = 0
    var retired = 0
}
