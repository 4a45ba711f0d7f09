import Foundation

/// One case's archive package: a zip holding `<case number>/arkivstruktur.xml` and `<case number>/dokumenter/…`.
struct ArchivePackage: Sendable {
    let caseNumber: String
    let zip: Data
    /// The paths inside the zip, in order.
    let paths: [String]

    /// `arkivpakke-SI-2026-000123.zip`.
    var fileName: String { "arkivpakke-\(caseNumber).zip" }
}
