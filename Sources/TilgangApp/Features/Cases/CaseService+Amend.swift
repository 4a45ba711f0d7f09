import Fluent
import SQLKit
import TilgangDomain
import Vapor

extension CaseService {
    /// The application's fields as the form shows them, for the edit form and for the history's record of what
    /// changed. The patient is shown masked: the history is read by every step, the identity number stays on the
    /// application itself.
    static func formValues(_ record: CaseRecord) -> [String: String] {
        [
            "patientNIN": record.patientNIN.flatMap(NationalIdentityNumber.init)?.masked ?? "",
            "patientTrust": record.patientTrustCode, "groupDescription": record.groupDescription ?? "",
            "groupSize": record.groupSize.map(String.init) ?? "", "medicineId": record.medicineName,
            "indication": record.indication, "dosage": record.dosage, "treatmentDuration": record.treatmentDuration,
            "justification": record.justification, "alternatives": record.alternatives,
            "expectedBenefit": record.expectedBenefit, "costEstimate": record.costEstimate,
        ]
    }

    static let amendableFields = [
        "patientNIN", "patientTrust", "groupDescription", "groupSize", "medicineId", "indication", "dosage",
        "treatmentDuration", "justification", "alternatives", "expectedBenefit", "costEstimate",
    ]

    /// The edit form's input, filled from the case.
    static func input(_ record: CaseRecord) -> CaseDraftInput {
        var input = CaseDraftInput()
        input.kind = record.kind
        input.patientNIN = record.patientNIN
        input.patientTrust = record.patientTrustCode
        input.groupDescription = record.groupDescription
        input.groupSize = record.groupSize
        input.medicineId = record.medicineID
        input.indication = record.indication
        input.dosage = record.dosage
        input.treatmentDuration = record.treatmentDuration
        input.justification = record.justification
        input.alternatives = record.alternatives
        input.expectedBenefit = record.expectedBenefit
        input.costEstimate = record.costEstimate
        input.patientInformed = record.patientInformed
        return input
    }

    /// The case for its applicant's edit form: only the applicant (never a stand-in), only while it is with them.
    func editable(_ id: UUID, by user: AuthenticatedUser) async throws -> CaseRecord {
        let record = try await load(id, for: user, on: database)
        guard record.applicantID == user.id else { throw CaseError.transition(.onlyApplicant) }
        let state = CaseState(rawValue: record.state) ?? .draft
        guard state.isWithApplicant else {
            throw CaseError.transition(.notAllowedInState(action: "amend", state: state))
        }
        return record
    }

    /// The applicant changes the application while it is with them: a draft freely, a returned case or one asked
    /// for more information with each change kept in the history (before and after) for the steps that read it
    /// again. Checked as a new application is; refused (409) when the case moved on since `expectedVersion`.
    func amend(_ input: CaseDraftInput, on id: UUID, expectedVersion: Int, by user: AuthenticatedUser) async throws
        -> CaseDTO
    {
        var record = try await editable(id, by: user)
        guard record.version == expectedVersion else { throw CaseError.versionConflict(current: record.version) }
        var input = input
        input.kind = record.kind
        let draft = try await CaseDraftValidator(database: database).validate(input, applicantTrust: record.trustCode)
        let decision = try await routeDecision(for: draft, today: clock.today)
        let state = CaseState(rawValue: record.state) ?? .draft
        let now = Date(timeIntervalSince1970: (clock.now.timeIntervalSince1970 * 1000).rounded() / 1000)
        let columns: [(column: String, value: any Encodable & Sendable)] = [
            ("patient_nin", draft.patient?.digits), ("patient_key", draft.patient.map(audit.patientKey(for:))),
            ("patient_birth_year", draft.patient?.birthDate?.year), ("patient_trust_code", draft.patientTrust),
            ("group_description", draft.groupDescription), ("group_size", draft.groupSize),
            ("medicine_id", draft.medicine.id ?? ""), ("medicine_name", draft.medicine.name),
            ("indication", draft.indication), ("dosage", draft.dosage),
            ("treatment_duration", draft.treatmentDuration), ("justification", draft.justification),
            ("alternatives", draft.alternatives), ("expected_benefit", draft.expectedBenefit),
            ("cost_estimate", draft.costEstimate), ("route", decision.route.rawValue),
            ("route_rules", decision.rules.map(\.rawValue).joined(separator: ",")),
            ("route_explanation", decision.explanation),
            ("retention_years", RetentionPolicy.years(forATC: draft.medicine.atc)),
        ]
        var after = Self.formValues(record)
        after["patientNIN"] = draft.patient?.masked ?? ""
        after["patientTrust"] = draft.patientTrust
        after["groupDescription"] = draft.groupDescription ?? ""
        after["groupSize"] = draft.groupSize.map(String.init) ?? ""
        after["medicineId"] = draft.medicine.name
        after["indication"] = draft.indication
        after["dosage"] = draft.dosage
        after["treatmentDuration"] = draft.treatmentDuration
        after["justification"] = draft.justification
        after["alternatives"] = draft.alternatives
        after["expectedBenefit"] = draft.expectedBenefit
        after["costEstimate"] = draft.costEstimate
        let changes = CaseAmendment.changes(
            fields: Self.amendableFields, before: Self.formValues(record), after: after)
        let position = record.history.count + 1
        var step: CaseTransitionRecord?
        var detail = "fields=" + changes.map(\.field).joined(separator: ",")
        if state != .draft {
            // A draft has no history yet; a case that was with the steps records what changed before they see it.
            let made = CaseTransitionRecord(
                fromState: state.rawValue, toState: state.rawValue, action: "amend", actorID: user.id,
                actorName: user.displayName, actorRole: user.role.rawValue, actorTrust: user.organisation,
                onBehalfOfID: nil, onBehalfOfName: nil, comment: nil, benefit: nil, resourceUse: nil, severity: nil,
                at: now, amendments: CaseAmendment.json(changes))
            detail += " \(DecisionSeal.marker)\(audit.sealHash(made.seal(caseID: id, position: position)))"
            step = made
        }
        let entry = AuditLogService.Entry(
            action: "case.amend", actor: AuditActor(user), caseID: record.caseNumber,
            patientKey: draft.patient.map(audit.patientKey(for:)) ?? record.patientKey, detail: detail, at: now)
        _ = try await writes.write(
            .amend(
                CaseAmendmentWrite(
                    caseID: id, expectedVersion: expectedVersion, state: state, columns: columns, step: step,
                    position: position, audit: entry)),
            on: database)
        guard let updated = try await CaseStore(database).record(id) else { throw CaseError.notFound }
        record = updated
        return try await dto(record, on: database)
    }

    /// A refused application revised into a new, linked draft with the same content, for its applicant to change
    /// and send again (the refused case stays as decided).
    func revise(_ id: UUID, by user: AuthenticatedUser) async throws -> CaseDTO {
        let record = try await load(id, for: user, on: database)
        let snapshot = try await snapshot(record)
        do {
            _ = try ApprovalWorkflow.revise(snapshot, caseID: id.uuidString, by: Self.actor(user))
        } catch {
            throw CaseError.transition(error)
        }
        return try await create(Self.input(record), by: user, today: clock.today, revises: id)
    }

    /// The newer applications that revise `id` (their case numbers and ids), for the refused case's page.
    /// In plain SQL: asked on every case page, where Fluent reflected the thirty-odd properties of a case model
    /// even when there was no revision.
    func revisions(of id: UUID) async throws -> [(id: UUID, caseNumber: String)] {
        guard let sql = database as? any SQLDatabase else { throw CaseError.notFound }
        let query: SQLQueryString =
            "SELECT id, case_number FROM cases WHERE revises_case_id = \(bind: id) ORDER BY case_number"
        return try await sql.resultRows(query).map { (try $0.value("id"), try $0.value("case_number")) }
    }
}
