import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// Attachments of applications: add, list, fetch. Access is the case's (`CaseService.load`, `CaseAccess.mayRead`);
/// adding is for the applicant while the case is with them and for whoever may act on it now. Every upload and
/// download is in the audit log under the case number, with the attachment's id, size and checksum (never its
/// file name, which may name the patient).
struct AttachmentService {
    let database: any Database
    let cases: CaseService
    let audit: AuditLogService
    let clock: AppClock

    // MARK: - Add

    func add(_ upload: AttachmentUpload, to caseID: UUID, by user: AuthenticatedUser) async throws -> AttachmentDTO {
        let record = try await cases.load(caseID, for: user, on: database, fresh: true)
        let actions = try await cases.nextSteps(caseID, for: user).actions
        guard Self.mayAdd(record, user: user, actions: actions) else { throw AttachmentError.mayNotAdd }
        let checked = try Self.check(upload)
        let model = AttachmentModel()
        model.id = UUID()
        model.caseID = caseID
        model.kind = checked.kind.rawValue
        model.fileName = AttachmentFileName.sanitise(upload.fileName)
        model.format = checked.format.rawValue
        model.contentType = checked.format.servedType(declared: upload.declaredType)
        model.size = checked.data.count
        model.sha256 = TextFormat.hex(SHA256.hash(data: checked.data))
        model.data = checked.data
        model.uploadedByID = user.id
        model.uploadedByName = user.displayName
        model.uploadedByRole = user.role.rawValue
        model.caseState = record.state
        model.createdAt = clock.now
        let entry = auditEntry("case.attachment.add", model, record: record, user: user)
        try await database.writeTransaction { [audit] db in
            try await model.create(on: db)
            try await audit.append([entry], on: db)
        }
        return try AttachmentDTO(model)
    }

    /// The applicant while the case is with them (a draft, returned, or a supplement asked for); anyone else who
    /// may act on the case now (`actions` from the workflow), e.g. the committee adding literature.
    static func mayAdd(_ record: CaseRecord, user: AuthenticatedUser, actions: [String]) -> Bool {
        let state = CaseState(rawValue: record.state) ?? .draft
        if record.applicantID == user.id { return state.isWithApplicant }
        return !state.isFinal && !actions.isEmpty
    }

    struct Checked {
        let kind: AttachmentKind
        let format: AttachmentFormat
        let data: Data
    }

    /// Kind, size and type, each error naming the form's field («Vedlegg», «Type vedlegg»).
    static func check(_ upload: AttachmentUpload) throws -> Checked {
        guard let kind = AttachmentKind(rawValue: upload.kind) else {
            throw ValidationFailure(
                field: "attachmentKind",
                message: "må være en av " + AttachmentKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let size = upload.bytes.readableBytes
        guard size > 0 else { throw ValidationFailure(field: "attachment", message: "velg en fil; filen var tom") }
        guard size <= AttachmentLimits.maxFileBytes else {
            throw ValidationFailure(
                field: "attachment",
                message: "filen er for stor (\(megabytes(size)) MB; høyst \(AttachmentLimits.maxFileBytes >> 20) MB)")
        }
        guard let format = AttachmentFormat.detect(upload.bytes.readableBytesView, declared: upload.declaredType)
        else {
            throw ValidationFailure(
                field: "attachment",
                message: "filtypen er ikke tillatt, eller innholdet er ikke det filen sier den er; "
                    + "bruk PDF, PNG, JPEG, Word, Excel, OpenDocument eller ren tekst")
        }
        return Checked(kind: kind, format: format, data: Data(upload.bytes.readableBytesView))
    }

    /// «20,1»: a size in MB with one decimal, rounded up, so a file just over the limit does not read as at it.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
        return "\(tenths / 10),\(tenths % 10)"
    }

    // MARK: - Read

    /// The case's attachments, oldest first, without their bytes. `audited` writes a read row (the API); the
    /// case page's own read row covers the list it shows.
    func list(_ caseID: UUID, for user: AuthenticatedUser, audited: Bool) async throws -> [AttachmentDTO] {
        let record = try await cases.load(caseID, for: user, on: database)
        let models = try await Self.metadata(of: caseID, on: database)
        if audited {
            let entry = AuditLogService.Entry(
                action: "case.attachment.list", actor: AuditActor(user), caseID: record.caseNumber,
                patientKey: record.patientKey, detail: "count=\(models.count)", at: clock.now)
            try await database.writeTransaction { [audit] db in try await audit.append([entry], on: db) }
        }
        return try models.map(AttachmentDTO.init)
    }

    /// One attachment with its bytes, after its audit row is committed.
    func download(_ attachmentID: UUID, of caseID: UUID, by user: AuthenticatedUser) async throws -> AttachmentModel {
        let record = try await cases.load(caseID, for: user, on: database)
        // The case's own attachment only: an id from another case is not found, whoever asks.
        guard
            let model = try await AttachmentModel.query(on: database).filter(\.$id == attachmentID)
                .filter(\.$caseID == caseID).first()
        else { throw AttachmentError.notFound }
        let entry = auditEntry("case.attachment.download", model, record: record, user: user)
        try await database.writeTransaction { [audit] db in try await audit.append([entry], on: db) }
        return model
    }

    /// Every attachment of a case with bytes, for the archive package (the caller has checked access and audits).
    static func all(of caseID: UUID, on db: any Database) async throws -> [AttachmentModel] {
        try await AttachmentModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).sort(\.$id).all()
    }

    /// Every attachment of the case but its bytes, oldest first. In plain SQL: it is read for every case page, and
    /// Fluent's query reflected the model even when the case had none (bench/scale).
    static func metadata(of caseID: UUID, on db: any Database) async throws -> [AttachmentModel] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let query: SQLQueryString = """
            SELECT id, case_id, kind, file_name, format, content_type, size, sha256, uploaded_by_id, uploaded_by_name, \
            uploaded_by_role, case_state, created_at FROM \(ident: AttachmentModel.schema) \
            WHERE case_id = \(bind: caseID) ORDER BY created_at, id
            """
        return try await sql.resultRows(query).map { row in
            let model = AttachmentModel()
            model.id = try row.value("id", as: UUID.self)
            model.caseID = try row.value("case_id")
            model.kind = try row.value("kind")
            model.fileName = try row.value("file_name")
            model.format = try row.value("format")
            model.contentType = try row.value("content_type")
            model.size = try row.value("size")
            model.sha256 = try row.value("sha256")
            model.uploadedByID = try row.value("uploaded_by_id")
            model.uploadedByName = try row.value("uploaded_by_name")
            model.uploadedByRole = try row.value("uploaded_by_role")
            model.caseState = try row.value("case_state")
            model.createdAt = try row.value("created_at")
            return model
        }
    }

    private func auditEntry(
        _ action: String, _ model: AttachmentModel, record: CaseRecord, user: AuthenticatedUser
    ) -> AuditLogService.Entry {
        AuditLogService.Entry(
            action: action, actor: AuditActor(user), caseID: record.caseNumber, patientKey: record.patientKey,
            detail: "attachment=\(model.id?.uuidString ?? "") size=\(model.size) sha256=\(model.sha256)",
            at: clock.now)
    }
}

extension Request {
    var attachments: AttachmentService {
        AttachmentService(database: db, cases: cases, audit: auditLog, clock: application.clock)
    }
}

extension AttachmentService {
    /// The case page's section: the list, and the form if this user may add (`actions`: what the page found the
    /// user may do on the case).
    func section(
        _ record: CaseRecord, for user: AuthenticatedUser, actions: [String], form: AttachmentFormState
    ) async throws -> AttachmentSection {
        AttachmentSection(
            models: try await Self.metadata(of: record.id, on: database),
            mayAdd: Self.mayAdd(record, user: user, actions: actions), form: form,
            state: CaseState(rawValue: record.state) ?? .draft)
    }
}
