import Foundation

/// One file of an archive package with what `arkivstruktur.xml` says about it (a `dokumentbeskrivelse` with one
/// `dokumentobjekt`).
struct ArchiveDocument: Sendable {
    /// The path inside the package, below the case's folder (`dokumenter/vedlegg-01.pdf`).
    let path: String
    let data: Data
    let sha256: String
    /// `dokumenttype`: «Søknad og vedtak», «Litteratur», …
    let documentType: String
    /// `tittel`: never the patient's identity or the sender's file name (which may hold it).
    let title: String
    /// `format` and `formatDetaljer`.
    let format: String
    let formatDetails: String
    let createdAt: Date
    let createdBy: String
}
