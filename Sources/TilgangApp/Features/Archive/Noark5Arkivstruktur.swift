import Foundation
import TilgangDomain
import Vapor

/// `arkivstruktur.xml` for one decided case, in the Noark 5 extraction's terms (arkivstruktur.xsd, version 3.1):
/// arkiv → arkivdel → mappe (saksmappe) → registrering (journalpost: the application received, the decision
/// sent) → dokumentbeskrivelse → dokumentobjekt with its SHA-256 checksum. The metadata name the medicine, the
/// indication code, the trust, the department and the staff, never the patient: the identity number is in the
/// archive copy document only, which is the record (docs/archive.md).
///
/// Element order follows the schema: in an extension type (saksmappe, journalpost) the extension's elements
/// come after the base type's, so a saksmappe's `saksaar` … `saksstatus` follow its registreringer.
struct Noark5Arkivstruktur {
    static let namespace = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"

    let caseID: UUID
    let caseNumber: String
    let trustCode: String
    let trustName: String
    let department: String
    let medicineName: String
    let indication: String
    let decisionTitle: String
    let applicantName: String
    let deciderName: String
    let createdAt: Date
    let receivedAt: Date
    let decidedAt: Date
    let producedAt: Date
    /// The archive copy, the main document of both journal entries.
    let archiveCopy: ArchiveDocument
    /// Files added while the case was with the applicant: attachments to the application.
    let applicationAttachments: [ArchiveDocument]
    /// Files added by the steps of the chain (the committee's literature): attachments to the decision.
    let decisionAttachments: [ArchiveDocument]

    /// `SI-2026-000123` → (2026, 123).
    static func yearAndSequence(_ caseNumber: String) -> (year: Int, sequence: Int)? {
        let parts = caseNumber.split(separator: "-")
        guard parts.count >= 3, let year = Int(parts[parts.count - 2]), let sequence = Int(parts[parts.count - 1])
        else { return nil }
        return (year, sequence)
    }

    var xml: String {
        var xml = XMLBuilder()
        xml.element(
            "arkiv",
            attributes: [
                ("xmlns", Self.namespace), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ]
        ) { arkiv in
            arkiv.leaf("systemID", Self.systemID("arkiv", trustCode))
            arkiv.leaf("tittel", "Tilgang – søknader om legemiddelbehandling utenfor godkjent indikasjon, \(trustName)")
            arkiv.leaf("arkivstatus", "Avsluttet")
            arkiv.leaf("opprettetDato", Self.dateTime(producedAt))
            arkiv.leaf("opprettetAv", "Tilgang")
            // Required by arkivstruktur.xsd 3.1 after opprettetAv: the package is closed when it is made.
            arkiv.leaf("avsluttetDato", Self.dateTime(producedAt))
            arkiv.leaf("avsluttetAv", "Tilgang")
            arkiv.element("arkivskaper") { skaper in
                skaper.leaf("arkivskaperID", trustCode)
                skaper.leaf("arkivskaperNavn", trustName)
            }
            arkiv.element("arkivdel") { arkivdel in
                arkivdel.leaf("systemID", Self.systemID("arkivdel", caseNumber))
                arkivdel.leaf("tittel", "Tilgang: sak \(caseNumber)")
                arkivdel.leaf("arkivdelstatus", "Avsluttet periode")
                arkivdel.leaf("opprettetDato", Self.dateTime(producedAt))
                arkivdel.leaf("opprettetAv", "Tilgang")
                arkivdel.leaf("avsluttetDato", Self.dateTime(producedAt))
                arkivdel.leaf("avsluttetAv", "Tilgang")
                arkivdel.element("mappe", attributes: [("xsi:type", "saksmappe")]) { mappe in
                    saksmappe(&mappe)
                }
            }
        }
        return xml.text
    }

    private func saksmappe(_ mappe: inout XMLBuilder) {
        let (year, sequence) =
            Self.yearAndSequence(caseNumber) ?? (AppClock.dayInOslo(createdAt).year, 0)
        mappe.leaf("systemID", caseID.uuidString.lowercased())
        mappe.leaf("mappeID", caseNumber)
        mappe.leaf(
            "tittel", "Søknad om legemiddelbehandling utenfor godkjent indikasjon: \(medicineName) (\(indication))")
        mappe.leaf("offentligTittel", "Søknad om legemiddelbehandling utenfor godkjent indikasjon: \(medicineName)")
        mappe.leaf("opprettetDato", Self.dateTime(createdAt))
        mappe.leaf("opprettetAv", applicantName)
        mappe.leaf("avsluttetDato", Self.dateTime(decidedAt))
        mappe.leaf("avsluttetAv", deciderName)
        journalpost(
            &mappe, number: 1, type: "Inngående dokument", title: "Søknad, sak \(caseNumber): \(medicineName)",
            date: receivedAt, createdBy: applicantName, party: ("Avsender", applicantName),
            attachments: applicationAttachments)
        journalpost(
            &mappe, number: 2, type: "Utgående dokument", title: "\(decisionTitle), sak \(caseNumber): \(medicineName)",
            date: decidedAt, createdBy: deciderName, party: ("Mottaker", applicantName),
            attachments: decisionAttachments)
        mappe.leaf("saksaar", String(year))
        mappe.leaf("sakssekvensnummer", String(sequence))
        mappe.leaf("saksdato", Self.date(createdAt))
        mappe.leaf("administrativEnhet", "\(trustName), avdeling \(department)")
        mappe.leaf("saksansvarlig", applicantName)
        mappe.leaf("saksstatus", "Avsluttet")
    }

    private func journalpost(
        _ mappe: inout XMLBuilder, number: Int, type: String, title: String, date: Date, createdBy: String,
        party: (role: String, name: String), attachments: [ArchiveDocument]
    ) {
        mappe.element("registrering", attributes: [("xsi:type", "journalpost")]) { post in
            post.leaf("systemID", Self.systemID("journalpost-\(number)", caseID.uuidString))
            post.leaf("opprettetDato", Self.dateTime(date))
            post.leaf("opprettetAv", createdBy)
            post.leaf("arkivertDato", Self.dateTime(producedAt))
            post.leaf("arkivertAv", "Tilgang")
            dokumentbeskrivelse(&post, archiveCopy, role: "Hoveddokument", number: 1, linkedAt: date)
            for (index, document) in attachments.enumerated() {
                dokumentbeskrivelse(&post, document, role: "Vedlegg", number: index + 2, linkedAt: document.createdAt)
            }
            post.leaf("registreringsID", "\(caseNumber)-\(number)")
            post.leaf("tittel", title)
            post.leaf("journalpostnummer", String(number))
            post.leaf("journalposttype", type)
            post.leaf("journalstatus", "Arkivert")
            post.leaf("journaldato", Self.date(date))
            post.leaf("dokumentetsDato", Self.date(date))
            post.leaf(number == 1 ? "mottattDato" : "sendtDato", Self.dateTime(date))
            post.leaf("antallVedlegg", String(attachments.count))
            post.element("korrespondansepart") { part in
                part.leaf("korrespondanseparttype", party.role)
                part.leaf("korrespondansepartNavn", party.name)
                part.leaf("administrativEnhet", "\(trustName), avdeling \(department)")
            }
        }
    }

    private func dokumentbeskrivelse(
        _ post: inout XMLBuilder, _ document: ArchiveDocument, role: String, number: Int, linkedAt: Date
    ) {
        post.element("dokumentbeskrivelse") { beskrivelse in
            beskrivelse.leaf("systemID", Self.systemID("dokument", caseID.uuidString + document.path))
            beskrivelse.leaf("dokumenttype", document.documentType)
            beskrivelse.leaf("dokumentstatus", "Dokumentet er ferdigstilt")
            beskrivelse.leaf("tittel", document.title)
            beskrivelse.leaf("opprettetDato", Self.dateTime(document.createdAt))
            beskrivelse.leaf("opprettetAv", document.createdBy)
            beskrivelse.leaf("tilknyttetRegistreringSom", role)
            beskrivelse.leaf("dokumentnummer", String(number))
            beskrivelse.leaf("tilknyttetDato", Self.dateTime(linkedAt))
            beskrivelse.leaf("tilknyttetAv", document.createdBy)
            beskrivelse.element("dokumentobjekt") { objekt in
                objekt.leaf("versjonsnummer", "1")
                objekt.leaf("variantformat", "Produksjonsformat")
                objekt.leaf("format", document.format)
                objekt.leaf("formatDetaljer", document.formatDetails)
                objekt.leaf("opprettetDato", Self.dateTime(document.createdAt))
                objekt.leaf("opprettetAv", document.createdBy)
                objekt.leaf("referanseDokumentfil", document.path)
                objekt.leaf("sjekksum", document.sha256)
                objekt.leaf("sjekksumAlgoritme", "SHA256")
                objekt.leaf("filstoerrelse", String(document.data.count))
            }
        }
    }

    static func dateTime(_ date: Date) -> String { TextFormat.iso8601(date) }

    /// The Oslo calendar day (`xs:date`).
    static func date(_ date: Date) -> String { CalendarDate(osloDay: date).iso }

    /// A stable UUID for an element (the same case gives the same package metadata): name-based, from SHA-256.
    static func systemID(_ kind: String, _ key: String) -> String {
        var bytes = Array(SHA256.hash(data: Data("tilgang|\(kind)|\(key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }
}
