import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Approval exemptions (SPEC §6): applications from physicians, dentists and veterinarians to the agency, the
/// pharmacy's notifications, and the agency desk. The only way to their patient data: every read and write is
/// audited in the same transaction.
struct ExemptionService {
    let database: any Database
    let pathway: PathwayService
    let audit: AuditLogService
    let catalogue: any CatalogueService
    /// The case portal's group commit, which the audit rows of reads join (many reads, one disk sync).
    let readAudit: GroupCommit<CaseWrite, UUID?>

    static let applicantRoles: Set<Role> = ExemptionDraftValidator.hospitalApplicants.union([.externalPrescriber])

    // MARK: - Create

    /// A new application to the agency. Refused at submission when the rules forbid it (R11, R12, MT) or when the
    /// pharmacy notifies it instead (R7).
    func apply(
        _ input: ExemptionInput, by user: AuthenticatedUser, today: CalendarDate, cases: CaseService
    ) async throws -> ExemptionDTO {
        guard Self.applicantRoles.contains(user.role) else { throw ExemptionServiceError.mayNotApply(user.role) }
        var input = input
        var sourceCase: UUID?
        if let caseID = input.fromCaseId {
            input = try await prefill(input, fromCase: caseID, by: user, cases: cases)
            sourceCase = caseID
        }
        let hpr = try await UserModel.find(user.id, on: database)?.hprNumber
        guard let hpr else {
            throw ValidationFailure(field: "prescriberHPR", message: "kontoen din mangler HPR-nummer")
        }
        let authorisation = try await HPRRegisterService(database: database).authorisation(hpr: hpr)
        let draft = try await ExemptionDraftValidator(catalogue: catalogue).validate(
            input, by: user, hpr: hpr, notification: false, authorisation: authorisation, today: today)
        let (decision, outcome) = try await submission(draft, today: today)
        guard case .toAgency(let warnings) = outcome else {
            throw ValidationFailure(
                field: "medicineId",
                message: "Ingen søknad til DMP trengs: apoteket notifiserer utleveringen (R7). \(decision.explanation)")
        }
        return try await store(
            draft, kind: .agencyApplication, state: .submitted, decision: decision, warnings: warnings,
            sourceCase: sourceCase, by: user, today: today)
    }

    /// A pharmacy records a notification (R7): no prior decision, counted apart from agency decisions.
    func notify(_ input: ExemptionInput, by user: AuthenticatedUser, today: CalendarDate) async throws -> ExemptionDTO {
        guard user.role == .hospitalPharmacist else { throw ExemptionServiceError.mayNotApply(user.role) }
        var prescriber: Authorisation?
        if let hpr = HPRNumber(input.prescriberHPR ?? "") {
            prescriber = try await HPRRegisterService(database: database).authorisation(hpr: hpr.digits)
        }
        let draft = try await ExemptionDraftValidator(catalogue: catalogue).validate(
            input, by: user, hpr: nil, notification: true, authorisation: prescriber, today: today)
        let (decision, outcome) = try await submission(draft, today: today)
        guard outcome == .notification else {
            throw ValidationFailure(
                field: "medicineId",
                message: "Kan ikke notifiseres: legen må søke DMP om godkjenningsfritak (R8). \(decision.explanation)")
        }
        return try await store(
            draft, kind: .notification, state: .notified, decision: decision, warnings: [], sourceCase: nil, by: user,
            today: today)
    }

    private func prefill(
        _ input: ExemptionInput, fromCase id: UUID, by user: AuthenticatedUser, cases: CaseService
    ) async throws -> ExemptionInput {
        // By role only (`load`): a grant of access to earlier applications reads a case, it does not carry the
        // case on into an exemption application.
        _ = try await cases.load(id, for: user, on: cases.database)
        let trustCase = try await cases.read(id, by: user)
        guard let filled = trustCase.exemptionApplication, trustCase.state == CaseState.approved.rawValue else {
            throw ValidationFailure(
                field: "fromCaseId", message: "saken er ikke godkjent for et legemiddel som trenger godkjenningsfritak")
        }
        var input = input
        input.medicineId = input.medicineId ?? trustCase.medicineId
        input.indication = input.indication ?? filled.indication
        input.justification = input.justification ?? filled.medicalJustification
        input.quantity = input.quantity ?? "\(filled.dosage), \(filled.duration)"
        input.patientNIN = input.patientNIN ?? filled.patientNIN
        input.scope = input.scope ?? (filled.patientNIN == nil ? "department" : "patient")
        input.informedConsent = input.informedConsent ?? trustCase.patientInformed
        return input
    }

    /// The route engine's decision on the draft and what it means at submission; a refusal names the rules.
    private func submission(_ draft: ExemptionDraft, today: CalendarDate) async throws -> (
        RouteDecision, ExemptionSubmission.Outcome
    ) {
        let decision = try await routeDecision(draft, today: today)
        do {
            return (
                decision,
                try ExemptionSubmission.evaluate(decision, medicine: draft.medicine, earlyPhase: draft.earlyPhase)
            )
        } catch {
            throw ValidationFailure(field: "medicineId", message: error.description)
        }
    }

    private func routeDecision(_ draft: ExemptionDraft, today: CalendarDate) async throws -> RouteDecision {
        let scenario = Scenario(
            medicine: .inline(draft.medicine), indication: draft.indication, date: today,
            patient: Patient(
                species: draft.species, fatalWithoutAlternatives: draft.fatalWithoutAlternatives,
                informedConsent: draft.informedConsent, eligibleForClinicalTrial: draft.eligibleForClinicalTrial),
            applicant: draft.applicant, trustPays: false, helfoRefused: false, generalShortagePermission: false,
            indicationCovered: nil)
        return try await pathway.decideForApplication(scenario)
    }

    private func store(
        _ draft: ExemptionDraft, kind: ExemptionKind, state: ExemptionState, decision: RouteDecision,
        warnings: [String], sourceCase: UUID?, by user: AuthenticatedUser, today: CalendarDate
    ) async throws -> ExemptionDTO {
        try await database.writeTransaction { db in
            let model = ExemptionModel()
            // `DMP-2026-000012` for applications, `NOT-2026-000003` for notifications.
            model.reference = try await ReferenceNumber.next(
                (kind == .notification ? "NOT-" : "DMP-") + "\(today.year)-", in: \ExemptionModel.$reference, on: db)
            model.kind = kind.rawValue
            model.state = state.rawValue
            model.version = 1
            model.submittedByID = user.id
            model.submittedByOrganisation = user.organisation
            model.prescriberName = draft.prescriberName
            model.prescriberHPR = draft.prescriberHPR
            model.applicantKind = draft.applicant.kind.rawValue
            model.species = draft.species.rawValue
            model.scope = draft.scope.rawValue
            model.patientNIN = draft.patient?.digits
            model.patientKey = draft.patient.map(audit.patientKey(for:))
            model.animal = draft.animal
            model.departmentCode = draft.departmentCode
            model.medicineID = draft.medicine.id ?? ""
            model.medicineName = draft.medicine.name
            model.indication = draft.indication
            model.justification = draft.justification
            model.quantity = draft.quantity
            model.validFrom = draft.validFrom.iso
            model.validUntil = draft.validUntil.iso
            model.fatalWithoutAlternatives = draft.fatalWithoutAlternatives
            model.eligibleForClinicalTrial = draft.eligibleForClinicalTrial
            model.informedConsent = draft.informedConsent
            model.studyPhases = draft.earlyPhase?.studyPhases
            model.patientsStudied = draft.earlyPhase?.patientsStudied
            model.route = decision.route.rawValue
            model.routeRules = decision.rules.map(\.rawValue).joined(separator: ",")
            model.warnings = warnings.joined(separator: "\n")
            model.sourceCaseID = sourceCase
            try await model.create(on: db)
            try await counts(on: db)?.added(
                reference: model.reference, species: model.species, kind: model.kind, state: model.state)
            try await event(
                model, action: kind == .notification ? "notify" : "submit", from: state, to: state, text: nil,
                by: user, on: db)
            try await audit.append(
                kind == .notification ? "exemption.notify" : "exemption.submit", by: AuditActor(user),
                caseID: model.reference, patientKey: model.patientKey, detail: "route=\(model.route)", on: db)
            return try await dto(model, today: today, for: user, on: db)
        }
    }

    // MARK: - Read

    /// Read outside the write turn, which only appends the audit row (with other reads' rows, `readAudit`): with the
    /// whole read inside it, every read waited for the one before and its disk sync (bench/scale). Nothing is shown
    /// before its audit row is committed.
    func read(_ id: UUID, by user: AuthenticatedUser, today: CalendarDate) async throws -> ExemptionDTO {
        let model = try await load(id, for: user, on: database)
        let dto = try await dto(model, today: today, for: user, on: database)
        let entry = AuditLogService.Entry(
            action: "exemption.read", actor: AuditActor(user), caseID: model.reference, patientKey: model.patientKey,
            detail: "", at: audit.clock.now)
        _ = try await readAudit.write(.read(entry), on: database)
        return dto
    }

    private func load(_ id: UUID, for user: AuthenticatedUser, on db: any Database) async throws -> ExemptionModel {
        guard let model = try await ExemptionModel.find(id, on: db) else { throw CaseError.notFound }
        guard ExemptionAccess.mayRead(model, user) else { throw CaseError.forbidden }
        return model
    }

    // MARK: - Act

    func act(
        _ input: ExemptionActionInput, on id: UUID, expectedVersion: Int, by user: AuthenticatedUser,
        today: CalendarDate
    ) async throws -> ExemptionDTO {
        let action = try input.parse()
        return try await database.writeTransaction { db in
            let model = try await load(id, for: user, on: db)
            guard model.version == expectedVersion else {
                throw CaseError.versionConflict(current: model.version)
            }
            let transition: ExemptionTransition
            do {
                transition = try ExemptionWorkflow.apply(
                    action, by: ExemptionActor(personID: user.id.uuidString, role: user.role),
                    to: snapshot(model), today: today)
            } catch let error as ExemptionError {
                throw ExemptionServiceError.transition(error)
            }
            var similar: (reference: String, score: Double)?
            if case .refuse(let reasons) = action {
                similar = try await nearDuplicate(reasons, for: model, on: db)
                if let similar, input.acknowledgeSimilarity != true {
                    throw ValidationFailure(
                        field: "reasons",
                        message: "begrunnelsen er nesten lik avslaget i \(similar.reference) "
                            + "(\(Int((similar.score * 100).rounded())) % like ord); skriv en individuell begrunnelse, "
                            + "eller bekreft at teksten skal brukes")
                }
            }
            model.state = transition.to.rawValue
            if let assessment = transition.assessment {
                model.assessmentJSON = String(decoding: try JSONEncoder().encode(assessment), as: UTF8.self)
            }
            if transition.to == .approved || transition.to == .refused {
                model.decidedOn = today.iso
                model.decisionReasons = transition.text
            }
            try await compareAndSet(model, expectedVersion: expectedVersion, on: db)
            try await counts(on: db)?.moved(
                reference: model.reference, species: model.species, kind: model.kind, from: transition.from.rawValue,
                to: transition.to.rawValue)
            try await event(
                model, action: transition.action, from: transition.from, to: transition.to, text: transition.text,
                by: user, similar: similar, on: db)
            try await audit.append(
                "exemption.\(transition.action)", by: AuditActor(user), caseID: model.reference,
                patientKey: model.patientKey, detail: "\(transition.from.rawValue)->\(transition.to.rawValue)", on: db)
            return try await dto(model, today: today, for: user, on: db)
        }
    }

    /// The most similar of the latest refusals for another patient (or another application without a patient).
    /// The latest `similarityWindow` only, and only the columns compared: ten years hold about 300,000 refusals
    /// (bench/scale), which every refusal read whole; a reason copied from one is found among the recent ones.
    private func nearDuplicate(_ reasons: String, for model: ExemptionModel, on db: any Database) async throws -> (
        reference: String, score: Double
    )? {
        let refusedStates = [ExemptionState.refused, .appealed, .withMinistry, .appealDismissed].map(\.rawValue)
        let earlier = try await ExemptionModel.query(on: db).filter(\.$state ~~ refusedStates)
            .filter(\.$id != model.id ?? UUID()).sort(\.$createdAt, .descending).limit(Self.similarityWindow)
            .field(\.$id).field(\.$reference).field(\.$patientKey).field(\.$decisionReasons).all()
            .filter { $0.patientKey == nil || $0.patientKey != model.patientKey }
            .compactMap { other in other.decisionReasons.map { (id: other.reference, text: $0) } }
        return ReasonSimilarity.nearDuplicate(of: reasons, among: earlier).map { (reference: $0.id, score: $0.score) }
    }

    private func counts(on db: any Database) -> ExemptionYearCounts? {
        (db as? any SQLDatabase).map(ExemptionYearCounts.init(sql:))
    }

    /// How many of the latest refusals a new refusal's reasons are compared with.
    static let similarityWindow = 5_000

    /// Writes every changed column only if nobody else changed the row since it was read.
    private func compareAndSet(_ model: ExemptionModel, expectedVersion: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, let id = model.id else { throw Abort(.internalServerError) }
        let changed = try await sql.update(ExemptionModel.schema)
            .set("state", to: model.state).set("version", to: expectedVersion + 1)
            .set("assessment_json", to: model.assessmentJSON).set("decided_on", to: model.decidedOn)
            .set("decision_reasons", to: model.decisionReasons)
            .where("id", .equal, id).where("version", .equal, expectedVersion)
            .returning("version").all()
        guard changed.count == 1 else {
            throw CaseError.versionConflict(
                current: try await ExemptionModel.find(id, on: db)?.version ?? expectedVersion)
        }
        model.version = expectedVersion + 1
    }

    private func event(
        _ model: ExemptionModel, action: String, from: ExemptionState, to: ExemptionState, text: String?,
        by user: AuthenticatedUser, similar: (reference: String, score: Double)? = nil, on db: any Database
    ) async throws {
        let id = try model.requireID()
        let row = ExemptionEventModel()
        row.exemptionID = id
        row.position = try await ExemptionEventModel.query(on: db).filter(\.$exemptionID == id).count() + 1
        row.action = action
        row.fromState = from.rawValue
        row.toState = to.rawValue
        row.actorID = user.id
        row.actorName = user.displayName
        row.actorRole = user.role.rawValue
        row.text = text
        row.similarTo = similar?.reference
        row.similarity = similar?.score
        try await row.create(on: db)
    }

    /// The actions this user may take now, found by asking the workflow with placeholder texts.
    func availableActions(_ dto: ExemptionDTO, for user: AuthenticatedUser, today: CalendarDate) -> [String] {
        let snapshot = ExemptionSnapshot(
            state: ExemptionState(rawValue: dto.state) ?? .submitted,
            applicantID: dto.kind == ExemptionKind.notification.rawValue ? "" : submitterID(dto),
            assessment: dto.assessment, decidedOn: dto.decidedOn)
        let x = ExemptionAssessment(
            professionalSoundness: "x", documentationLevel: "x", risk: "x", alternatives: "x", followUpAbility: "x")
        let candidates: [ExemptionAction] = [
            .assess(x), .approve(reasons: "x"), .refuse(reasons: "x"), .appeal(grounds: "x"),
            .forwardToMinistry(note: "x"), .recordMinistryOutcome(allowed: true, note: "x"),
        ]
        let actor = ExemptionActor(personID: user.id.uuidString, role: user.role)
        return candidates.filter { (try? ExemptionWorkflow.apply($0, by: actor, to: snapshot, today: today)) != nil }
            .map(\.name)
    }

    private func submitterID(_ dto: ExemptionDTO) -> String { dto.submittedBy.uuidString }

    // MARK: - Lists and counts

    enum DeskList: String {
        /// Waiting for this user: the desk's open cases, or the applicant's refusals open to appeal.
        case todo
        case all
        case decided
    }

    func list(_ list: DeskList, for user: AuthenticatedUser, today: CalendarDate) async throws
        -> [ExemptionSummaryDTO]
    {
        let decided: Set<ExemptionState> = [.approved, .refused, .appealAllowed, .appealDismissed, .notified]
        let rows = try await ExemptionModel.query(on: database).sort(\.$createdAt, .descending).all()
            .filter { ExemptionAccess.mayRead($0, user) }
            .filter { model in
                let state = ExemptionState(rawValue: model.state) ?? .submitted
                switch list {
                case .all: return true
                case .decided: return decided.contains(state)
                case .todo:
                    return user.role == .agencyOfficer ? state.isOpen : state == .refused
                }
            }
            .map { Self.summary($0, today: today) }
        return list == .todo ? Self.queueOrder(rows, today: today) : rows
    }

    func counts(year: Int, by user: AuthenticatedUser) async throws -> ExemptionCountsDTO {
        guard user.role == .agencyOfficer else { throw CaseError.forbidden }
        let rows = try await countRows(year: year)
        let applications = rows.filter { $0.kind == ExemptionKind.agencyApplication.rawValue }
        let granted: Set<String> = [ExemptionState.approved.rawValue, ExemptionState.appealAllowed.rawValue]
        let refused: Set<String> = [
            ExemptionState.refused.rawValue, ExemptionState.appealed.rawValue, ExemptionState.withMinistry.rawValue,
            ExemptionState.appealDismissed.rawValue,
        ]
        func total(_ rows: [(kind: String, state: String, count: Int)]) -> Int { rows.reduce(0) { $0 + $1.count } }
        return ExemptionCountsDTO(
            year: year, agencyApplications: total(applications),
            approved: total(applications.filter { granted.contains($0.state) }),
            refused: total(applications.filter { refused.contains($0.state) }),
            pending: total(applications.filter { !granted.contains($0.state) && !refused.contains($0.state) }),
            notifications: total(rows.filter { $0.kind == ExemptionKind.notification.rawValue }))
    }

    // MARK: - Mapping

    private func snapshot(_ model: ExemptionModel) -> ExemptionSnapshot {
        ExemptionSnapshot(
            state: ExemptionState(rawValue: model.state) ?? .submitted, applicantID: model.submittedByID.uuidString,
            assessment: Self.assessment(model), decidedOn: model.decidedOn.flatMap(CalendarDate.init(iso:)))
    }

    static func assessment(_ model: ExemptionModel) -> ExemptionAssessment? {
        model.assessmentJSON.flatMap { try? JSONDecoder().decode(ExemptionAssessment.self, from: Data($0.utf8)) }
    }

    static func validity(_ row: ExemptionListRow, today: CalendarDate) -> String {
        guard let from = CalendarDate(iso: row.validFrom), let until = CalendarDate(iso: row.validUntil) else {
            return ExemptionValidity.Status.expired.rawValue
        }
        return ExemptionValidity.status(from: from, until: until, on: today).rawValue
    }

    /// The case for `user`: which other case a refusal's reasons resembled is the agency's to see only.
    private func dto(
        _ m: ExemptionModel, today: CalendarDate, for user: AuthenticatedUser, on db: any Database
    ) async throws -> ExemptionDTO {
        let agency = user.role == .agencyOfficer
        let events = try await ExemptionEventModel.query(on: db).filter(\.$exemptionID == m.requireID())
            .sort(\.$position).all()
        let state = ExemptionState(rawValue: m.state) ?? .submitted
        return ExemptionDTO(
            id: try m.requireID(), reference: m.reference, kind: m.kind, submittedBy: m.submittedByID, state: m.state,
            stateTitle: state.title,
            version: m.version, prescriberName: m.prescriberName, prescriberHPR: m.prescriberHPR,
            applicantKind: m.applicantKind, species: m.species, scope: m.scope, patientNIN: m.patientNIN,
            animal: m.animal, departmentCode: m.departmentCode, medicineId: m.medicineID, medicineName: m.medicineName,
            indication: m.indication, justification: m.justification, quantity: m.quantity,
            validFrom: CalendarDate(iso: m.validFrom) ?? today, validUntil: CalendarDate(iso: m.validUntil) ?? today,
            validity: Self.validity(ExemptionListRow(m), today: today),
            fatalWithoutAlternatives: m.fatalWithoutAlternatives,
            eligibleForClinicalTrial: m.eligibleForClinicalTrial, informedConsent: m.informedConsent,
            studyPhases: m.studyPhases, patientsStudied: m.patientsStudied, route: m.route,
            routeRules: m.routeRules.split(separator: ",").map(String.init),
            warnings: m.warnings.split(separator: "\n").map(String.init), prefilledFromTrustCase: m.sourceCaseID != nil,
            assessment: Self.assessment(m), decidedOn: m.decidedOn.flatMap(CalendarDate.init(iso:)),
            decisionReasons: m.decisionReasons, createdAt: m.createdAt,
            events: events.map {
                .init(
                    action: $0.action, from: $0.fromState, to: $0.toState, actor: $0.actorName, actorRole: $0.actorRole,
                    text: $0.text, similarTo: agency ? $0.similarTo : nil, similarity: agency ? $0.similarity : nil,
                    at: $0.at)
            })
    }

    static func summary(_ m: ExemptionModel, today: CalendarDate) -> ExemptionSummaryDTO {
        summary(ExemptionListRow(m), today: today)
    }

    static func summary(_ m: ExemptionListRow, today: CalendarDate) -> ExemptionSummaryDTO {
        let state = ExemptionState(rawValue: m.state) ?? .submitted
        // Applications reach the agency through Tilgang, so electronically; paper ones are not taken in yet.
        let received = m.kind == ExemptionKind.agencyApplication.rawValue ? m.createdAt.map(AppClock.dayInOslo) : nil
        let deadline = received.map { ExemptionDeadline(received: $0, channel: .electronic) }
        return ExemptionSummaryDTO(
            id: m.id, reference: m.reference, kind: m.kind, state: m.state,
            stateTitle: state.title, medicineName: m.medicineName,
            prescriberName: m.prescriberName, applicantKind: m.applicantKind,
            validFrom: CalendarDate(iso: m.validFrom) ?? today, validUntil: CalendarDate(iso: m.validUntil) ?? today,
            validity: validity(m, today: today), createdAt: m.createdAt, receivedOn: received,
            deadline: deadline?.lastDay, overdue: state.isOpen && deadline?.isOverdue(today: today) == true)
    }
}

extension Request {
    var exemptions: ExemptionService {
        ExemptionService(
            database: db, pathway: pathway, audit: auditLog, catalogue: catalogue, readAudit: application.caseWrites)
    }
}
