import Vapor

struct SiteImportResult: Content, Equatable {
    var created = 0
    var updated = 0
    var unchanged = 0
}
