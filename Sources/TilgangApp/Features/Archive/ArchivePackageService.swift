import Fluent
import TilgangDomain
import Vapor

/// Makes the Noark 5 archive package of a decided case (SPEC §5.9: the committee files a copy in Public 360): the
/// archive copy page (`cases/archive`, HTML) rendered to a file, every attachment, and `arkivstruktur.xml` that
/// describes them with their SHA-256 checksums. Each package made is in the audit log.
struct ArchivePackageService {
    let database: any Database
    let cases: CaseService
    let audit: AuditLogService
    let views: any ViewRenderer
    let clock: AppClock

    /// For a signed-in user who may read the case (the page and the API).
    func package(_ caseID: UUID, for user: AuthenticatedUser) async throws -> ArchivePackage {
        let record = try await cases.load(caseID, for: user, on: database)
        return try await package(record, actor: AuditActor(user), reader: UserView(user))
    }

    /// For `tilgang archive export`, run by the operator on the server.
    func package(_ record: CaseRecord) async throws -> ArchivePackage {
        let actor = AuditActor(id: "system", role: "archive-export", trust: record.trustCode)
        return try await package(record, actor: actor, reader: UserView(systemNamed: "Tilgang (arkiveksport)"))
    }

    private func package(_ record: CaseRecord, actor: AuditActor, reader: UserView) async throws -> ArchivePackage {
        let state = CaseState(rawValue: record.state)
        guard let decidedAt = record.decidedAt, state == .approved || state == .refused else {
            throw ArchivePackageError.notDecided
        }
        let dto = try await cases.dto(record, on: database)
        let now = clock.now
        let html = try await views.render(
            "cases/archive", try await ArchiveCopyContext.make(dto, reader: reader, now: now, on: database))
        let attachments = try await AttachmentService.all(of: record.id, on: database)
        let applicant = try await UserModel.find(record.applicantID, on: database)?.displayName ?? record.applicantHPR
        let trustName = try await TrustModel.find(record.trustCode, on: database)?.name ?? record.trustCode
        let copyData = Data(html.data.readableBytesView)
        let archiveCopy = ArchiveDocument(
            path: "dokumenter/arkivkopi.html", data: copyData, sha256: Self.sha256(copyData),
            documentType: "Søknad og vedtak", title: "Arkivkopi av søknad og vedtak, sak \(record.caseNumber)",
            format: "HTML",
            formatDetails: "text/html; charset=utf-8 (arkivkopi fra Tilgang; konverteres til PDF/A ved import)",
            createdAt: now, createdBy: "Tilgang")
        var documents: [(ArchiveDocument, withApplicant: Bool)] = []
        for (index, model) in attachments.enumerated() {
            let format = AttachmentFormat(rawValue: model.format) ?? .plainText
            let kind = AttachmentKind(rawValue: model.kind)?.title ?? "Vedlegg"
            let document = ArchiveDocument(
                path:
                    "dokumenter/vedlegg-\(TextFormat.zeroPadded(index + 1, width: 2)).\(Self.fileExtension(format, model.contentType))",
                data: model.data, sha256: model.sha256, documentType: kind, title: "\(kind) (vedlegg \(index + 1))",
                format: format.title, formatDetails: model.contentType, createdAt: model.createdAt,
                createdBy: model.uploadedByName)
            documents.append((document, (CaseState(rawValue: model.caseState) ?? .draft).isWithApplicant))
        }
        let submitted = record.history.first { $0.fromState == CaseState.draft.rawValue }?.at
        let decider = record.history.last?.actorName ?? ""
        let structure = Noark5Arkivstruktur(
            caseID: record.id, caseNumber: record.caseNumber, trustCode: record.trustCode, trustName: trustName,
            department: record.departmentCode, medicineName: record.medicineName, indication: record.indication,
            decisionTitle: record.state == CaseState.approved.rawValue ? "Vedtak: godkjent" : "Vedtak: avslått",
            applicantName: applicant, deciderName: decider, createdAt: record.createdAt ?? decidedAt,
            receivedAt: submitted ?? record.createdAt ?? decidedAt, decidedAt: decidedAt, producedAt: now,
            archiveCopy: archiveCopy, applicationAttachments: documents.filter { $0.withApplicant }.map { $0.0 },
            decisionAttachments: documents.filter { !$0.withApplicant }.map { $0.0 })
        var zip = ZipWriter(modified: now, timeZone: OsloTime.zone)
        var paths: [String] = []
        func add(_ path: String, _ data: Data) {
            let full = "\(record.caseNumber)/\(path)"
            zip.add(path: full, data: data)
            paths.append(full)
        }
        add("arkivstruktur.xml", Data(structure.xml.utf8))
        add(archiveCopy.path, archiveCopy.data)
        for (document, _) in documents { add(document.path, document.data) }
        let entry = AuditLogService.Entry(
            action: "case.archive_package", actor: actor, caseID: record.caseNumber, patientKey: record.patientKey,
            detail: "files=\(paths.count)", at: now)
        try await database.writeTransaction { [audit] db in try await audit.append([entry], on: db) }
        return ArchivePackage(caseNumber: record.caseNumber, zip: zip.finish(), paths: paths)
    }

    static func sha256(_ data: Data) -> String { TextFormat.hex(SHA256.hash(data: data)) }

    static func fileExtension(_ format: AttachmentFormat, _ contentType: String) -> String {
        switch format {
        case .pdf: return "pdf"
        case .png: return "png"
        case .jpeg: return "jpg"
        case .plainText: return "txt"
        case .msOffice: return contentType.contains("excel") ? "xls" : "doc"
        case .officeOpenXML: return contentType.contains("spreadsheet") ? "xlsx" : "docx"
        case .openDocument: return contentType.contains("spreadsheet") ? "ods" : "odt"
        }
    }
}

extension Request {
    var archivePackages: ArchivePackageService {
        ArchivePackageService(database: db, cases: cases, audit: auditLog, views: view, clock: application.clock)
    }
}
