import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// Applications to the trust: create, read, act on, list. The only way to patient data: every read and write
/// checks access and writes the audit log in the same transaction.
struct CaseService {
    let database: any Database
    let pathway: PathwayService
    let audit: AuditLogService
    let writes: GroupCommit<CaseWrite, UUID?>
    let identity: IdentityCache
    let clock: AppClock

    static let applicantRoles: Set<Role> = [.physician, .departmentHead, .sectionChief]

    // MARK: - Create

    func create(
        _ input: CaseDraftInput, by user: AuthenticatedUser, today: CalendarDate, revises: UUID? = nil
    ) async throws -> CaseDTO {
        guard Self.applicantRoles.contains(user.role), let department = user.departmentCode,
            let applicant = try await UserModel.find(user.id, on: database), let hpr = applicant.hprNumber
        else { throw CaseError.mayNotApply(user.role) }
        let draft = try await CaseDraftValidator(database: database).validate(input, applicantTrust: user.organisation)
        let decision = try await routeDecision(for: draft, today: today)
        let model = CaseModel()
        model.id = UUID()
        model.trustCode = user.organisation
        model.departmentCode = department
        model.applicantID = user.id
        model.applicantHPR = hpr
        model.kind = draft.kind
        model.patientNIN = draft.patient?.digits
        model.patientKey = draft.patient.map(audit.patientKey(for:))
        model.patientTrustCode = draft.patientTrust
        model.groupDescription = draft.groupDescription
        model.groupSize = draft.groupSize
        model.medicineID = draft.medicine.id ?? ""
        model.medicineName = draft.medicine.name
        model.indication = draft.indication
        model.dosage = draft.dosage
        model.treatmentDuration = draft.treatmentDuration
        model.justification = draft.justification
        model.alternatives = draft.alternatives
        model.expectedBenefit = draft.expectedBenefit
        model.costEstimate = draft.costEstimate
        model.patientInformed = true
        model.route = decision.route.rawValue
        model.routeRules = decision.rules.map(\.rawValue).joined(separator: ",")
        model.routeExplanation = decision.explanation
        model.state = CaseState.draft.rawValue
        model.chainVersion = ApprovalChain.current.version
        model.version = 1
        model.retentionYears = RetentionPolicy.years(forATC: draft.medicine.atc)
        model.applicantName = applicant.displayName
        model.patientBirthYear = draft.patient?.birthDate?.year
        model.revisesCaseID = revises
        // The case number is taken in the commit, which new cases share (`CaseCreation`, `GroupCommit`).
        let creation = CaseCreation(
            model: model, numberPrefix: "\(user.organisation)-\(today.year)-", actor: AuditActor(user),
            detail: "kind=\(draft.kind)")
        // Read after the commit: a new draft is its applicant's alone.
        guard let id = try await writes.write(.create(creation), on: database),
            let created = try await CaseStore(database).record(id)
        else { throw CaseError.notFound }
        return try await dto(created, on: database)
    }

    /// Runs the route engine on the application; routes the trust's chain does not handle are refused with the
    /// engine's explanation (a medicine with MT never gets an exemption application; Helfo first is explained).
    func routeDecision(for draft: CaseDraft, today: CalendarDate) async throws -> RouteDecision {
        let scenario = Scenario(
            medicine: .inline(draft.medicine), indication: draft.indication, date: today,
            patient: Patient(species: .human, informedConsent: true),
            applicant: Applicant(kind: .hospitalSpecialist, setting: .hospital), trustPays: true,
            helfoRefused: draft.helfoRefused, generalShortagePermission: false, indicationCovered: nil)
        let decision = try await pathway.decideForApplication(scenario)
        guard decision.trustApproval, decision.applicantMayApply else {
            throw ValidationFailure(
                field: "medicineId",
                message: "Søknaden kan ikke sendes i helseforetakets godkjenningsløp: \(decision.explanation)")
        }
        return decision
    }

    // MARK: - Read

    func read(_ id: UUID, by user: AuthenticatedUser) async throws -> CaseDTO {
        try await readWithAccess(id, by: user).dto
    }

    /// The case and why the user may read it (a page under a grant shows no actions). A read under a grant names
    /// the grant in its audit row.
    func readWithAccess(_ id: UUID, by user: AuthenticatedUser) async throws -> (
        dto: CaseDTO, access: CaseReadAccess, record: CaseRecord
    ) {
        let people = try await people(user, on: database)
        guard let record = try await CaseStore(database).record(id) else { throw CaseError.notFound }
        guard let access = try await readAccess(to: record, patientKey: record.patientKey, people: people) else {
            throw CaseError.forbidden
        }
        let dto = try await dto(record, on: database)
        let entry = AuditLogService.Entry(
            action: "case.read", actor: AuditActor(user), caseID: record.caseNumber, patientKey: record.patientKey,
            detail: access.auditDetail, at: clock.now)
        // Nothing is shown before its audit row is committed.
        _ = try await writes.write(.read(entry), on: database)
        await markNoticesRead(of: record, by: user)
        return (dto, access, record)
    }

    /// The one decision whether a case may be read: by role (`CaseAccess`, the user or whom they stand in for
    /// today) or, failing that, under the user's own active grant of access to earlier applications. Nil: not at
    /// all. Actions, edits and attachments keep asking `load`, which knows roles only.
    func readAccess(
        to facts: some CaseAccessFacts, patientKey: String?, people: [AuthenticatedUser]
    ) async throws -> CaseReadAccess? {
        if people.contains(where: { CaseAccess.mayRead(facts, $0) }) { return .role }
        guard let user = people.first, patientKey != nil else { return nil }
        let grants = AccessRequestService(database: database, audit: audit, clock: clock)
        let covered = AccessGrant.CaseFacts(
            applicantID: facts.applicantID.uuidString, trust: facts.trustCode, department: facts.departmentCode,
            patientKey: patientKey, isDraft: facts.state == CaseState.draft.rawValue)
        return try await grants.activeGrant(for: user, covering: covered).map(CaseReadAccess.grant)
    }

    func load(
        _ id: UUID, for user: AuthenticatedUser, on db: any Database, fresh: Bool = false
    ) async throws -> CaseRecord {
        try await load(id, as: try await people(user, on: db, fresh: fresh), on: db)
    }

    /// The case, if one of `people` (the user and whom they stand in for) may read it.
    func load(_ id: UUID, as people: [AuthenticatedUser], on db: any Database) async throws -> CaseRecord {
        guard let record = try await CaseStore(db).record(id) else { throw CaseError.notFound }
        guard people.contains(where: { CaseAccess.mayRead(record, $0) }) else { throw CaseError.forbidden }
        return record
    }

    /// The user and the leaders they stand in for today; reads may take substitutions from the identity cache,
    /// writes read them `fresh`.
    func people(
        _ user: AuthenticatedUser, on db: any Database, fresh: Bool = false
    ) async throws -> [AuthenticatedUser] {
        let today = clock.today
        if fresh { return [user] + (try await SubstitutionService(database: db).principals(of: user, on: today)) }
        return [user] + (try await identity.principals(of: user.id, on: today, database: db))
    }

    /// The ways the user (`people.first`) can act: in their own role, or as substitute in each principal's role
    /// (both names kept). Made from the people the case was loaded for, so substitutions are read once.
    private func actors(_ people: [AuthenticatedUser]) -> [(actor: CaseActor, principal: AuthenticatedUser?)] {
        guard let user = people.first else { return [] }
        return [(Self.actor(user), nil)]
            + people.dropFirst().map { principal in
                (
                    CaseActor(
                        personID: user.id.uuidString, role: principal.role, trustID: principal.organisation,
                        departmentID: principal.departmentCode, onBehalfOf: principal.id.uuidString),
                    principal
                )
            }
    }

    /// The first way of acting the workflow accepts; otherwise the error of acting in the user's own role.
    private func firstAccepted(
        _ action: CaseAction, comment: String?, people: [AuthenticatedUser], snapshot: CaseSnapshot
    ) throws -> (transition: CaseTransition, principal: AuthenticatedUser?) {
        var firstError: CaseTransitionError?
        for (actor, principal) in actors(people) {
            do {
                return (try ApprovalWorkflow.apply(action, comment: comment, by: actor, to: snapshot), principal)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw CaseError.transition(firstError ?? .wrongOrganisation)
    }

    /// The actions this user may take on the case now, found by asking the workflow, and whom the case waits
    /// for or whom to appoint: the case page's, from one load of the case (no audit row: the page that asks has
    /// just read the case).
    func nextSteps(_ id: UUID, for user: AuthenticatedUser) async throws -> (actions: [String], waitingFor: String?) {
        let people = try await people(user, on: database)
        return try await nextSteps(try await load(id, as: people, on: database), for: user, people: people)
    }

    /// The same for a case already loaded for one of `people` (the case page's read: not read again).
    func nextSteps(
        _ model: CaseRecord, for user: AuthenticatedUser, people: [AuthenticatedUser]
    ) async throws -> (actions: [String], waitingFor: String?) {
        let id = model.id
        let snapshot = try await snapshot(model)
        let waitingFor = try await CaseAssignmentService(database: database, today: clock.today, identity: identity)
            .describe(snapshot)
        var names: [String] = []
        for actor in actors(people).map(\.actor) {
            for name in ApprovalWorkflow.availableActions(for: actor, on: snapshot) where !names.contains(name) {
                names.append(name)
            }
        }
        // Revising a refused application is the applicant's alone (a new linked draft, not a step of this case).
        if (try? ApprovalWorkflow.revise(snapshot, caseID: id.uuidString, by: Self.actor(user))) != nil {
            names.append("revise")
        }
        return (names, waitingFor)
    }

    /// The workflow's view of the case. The applicant's role decides who takes a step the applicant would own
    /// (a department head's own application goes to the division director).
    func snapshot(_ model: CaseRecord) async throws -> CaseSnapshot {
        let history = model.history
        guard let state = CaseState(rawValue: model.state) else { throw CaseError.notFound }
        let applicantRole = try await identity.user(id: model.applicantID, on: database)?.role ?? .physician
        return CaseSnapshot(
            state: state, chainVersion: model.chainVersion, applicantID: model.applicantID.uuidString,
            trustID: model.trustCode, departmentID: model.departmentCode, patientTrustID: model.patientTrustCode,
            history: history.map(\.domain), applicantRole: applicantRole)
    }

    static func actor(_ user: AuthenticatedUser) -> CaseActor {
        CaseActor(
            personID: user.id.uuidString, role: user.role, trustID: user.organisation, departmentID: user.departmentCode
        )
    }

    // MARK: - Act

    /// Applies one action, refusing it (409) when the case is no longer at `expectedVersion`.
    func act(_ input: CaseActionInput, on id: UUID, expectedVersion: Int, by user: AuthenticatedUser) async throws
        -> CaseDTO
    {
        // Everything that only reads happens before the write: the compare-and-set refuses the change when the
        // case has moved on meanwhile, so deciding on this snapshot is safe, and the write itself is a few
        // statements that share a transaction with other case actions (`CaseChange`, `GroupCommit`).
        let people = try await people(user, on: database, fresh: true)
        var record = try await load(id, as: people, on: database)
        guard record.version == expectedVersion else { throw CaseError.versionConflict(current: record.version) }
        // Parsed once the person may read the case: an outsider learns nothing from the form's errors.
        let action = try CaseActionParser.parse(input)
        let snapshot = try await snapshot(record)
        let (transition, principal): (CaseTransition, AuthenticatedUser?)
        do {
            (transition, principal) = try firstAccepted(
                action, comment: input.comment, people: people, snapshot: snapshot)
            // Only once the workflow has accepted the person: whom they may name is the committee's business.
            try await checkCommitteeMembers(transition, of: record)
        } catch CaseError.transition(.memberMayNotTakePart(let member, let step)) {
            // The domain names people by id; the person reading the message knows them by name.
            let name = try await memberNames([member]) ?? member
            throw CaseError.transition(.memberMayNotTakePart(member: name, earlierStep: step))
        }
        let now = Date(timeIntervalSince1970: (clock.now.timeIntervalSince1970 * 1000).rounded() / 1000)
        let decidedAt: Date? = transition.to.isFinal ? now : nil
        let step = CaseTransitionRecord(
            fromState: transition.from.rawValue, toState: transition.to.rawValue, action: transition.action,
            actorID: user.id, actorName: user.displayName, actorRole: transition.actorRole.rawValue,
            actorTrust: principal?.organisation ?? user.organisation, onBehalfOfID: principal?.id,
            onBehalfOfName: principal?.displayName, comment: transition.comment,
            benefit: transition.priority?.benefit, resourceUse: transition.priority?.resourceUse,
            severity: transition.priority?.severity, at: now,
            assessmentKind: transition.assessment?.kind.rawValue, assessment: transition.assessment?.text,
            members: transition.assessment.flatMap { $0.members.isEmpty ? nil : $0.members.joined(separator: ",") },
            memberNames: try await memberNames(transition.assessment?.members ?? []))
        let position = snapshot.history.count + 1
        // The audit row seals the step itself, so an edit of the stored step or the case's state is detected.
        let seal = audit.sealHash(step.seal(caseID: id, position: position))
        let entry = AuditLogService.Entry(
            action: "case.\(transition.action)", actor: AuditActor(user), caseID: record.caseNumber,
            patientKey: record.patientKey,
            detail: "\(transition.from.rawValue)->\(transition.to.rawValue) \(DecisionSeal.marker)\(seal)", at: now)
        let change = CaseChange(
            caseID: id, expectedVersion: expectedVersion, state: transition.to, decidedAt: decidedAt, step: step,
            position: position, audit: entry)
        _ = try await writes.write(.change(change), on: database)
        record.state = transition.to.rawValue
        record.version = expectedVersion + 1
        record.decidedAt = decidedAt ?? record.decidedAt
        record.history.append(step)
        await announceLastStep(of: record, by: user)
        return try await dto(record, on: database)
    }

    // MARK: - Lists

    enum WorkList: String {
        /// Cases waiting for this user's action.
        case todo
        /// The cases of the user's unit: own (physician), department (head), trust (leaders, committee).
        case unit
        case decided
    }

    /// One page of a work list, newest first.
    struct ListPage: Sendable {
        let cases: [CaseSummaryDTO]
        /// Whether a later page has more.
        let hasMore: Bool
    }

    func list(
        _ list: WorkList, matching search: CaseSearch = CaseSearch(), page: CasePaging = CasePaging(),
        for user: AuthenticatedUser
    ) async throws -> ListPage {
        let people = try await people(user, on: database)
        var states: [CaseState]? = list == .decided ? [.approved, .refused] : nil
        if let wanted = search.state {
            states = (states ?? [wanted]).filter { $0 == wanted }
            if states?.isEmpty == true { return ListPage(cases: [], hasMore: false) }
        }
        // Plain ASCII free text is matched in the database too (ten years are 200,000 cases: bench/scale). Other
        // text and dates are matched here (Unicode-aware lower-casing, Oslo days), so with them the database
        // returns every visible row and the page is cut here; otherwise the database returns the page (plus one
        // row, to know whether there is more).
        let sqlText = search.sqlText
        let pagedInSQL =
            (search.text == nil || sqlText != nil) && search.from == nil && search.to == nil && search.sort == .newest
        let rows = try await CaseStore(database).listRows(
            visibleTo: people, states: states, waitingOnly: list == .todo,
            limit: pagedInSQL ? page.limit + 1 : nil, offset: pagedInSQL ? page.offset : 0, containing: sqlText)
        let matching = rows.filter { row in
            guard people.contains(where: { CaseAccess.mayRead(row, $0) }), search.matches(row) else { return false }
            guard list == .todo else { return true }
            let state = CaseState(rawValue: row.state) ?? .draft
            return people.contains { CaseAccess.isWaiting(on: $0, row, state: state) }
        }
        let sorted = pagedInSQL ? matching : matching.sorted(by: search.sort.areInOrder)
        let window = pagedInSQL ? sorted[...] : sorted.dropFirst(page.offset)
        return ListPage(cases: window.prefix(page.limit).map(Self.summary), hasMore: window.count > page.limit)
    }

    // MARK: - Mapping

    func dto(_ m: CaseRecord, on db: any Database) async throws -> CaseDTO {
        let history = m.history
        let state = CaseState(rawValue: m.state) ?? .draft
        var guidance: CaseDTO.Guidance?
        var exemption: CaseDTO.ExemptionApplication?
        if state == .approved, let approval = try await afterApproval(m, on: db) {
            (guidance, exemption) = approval
        }
        return CaseDTO(
            id: m.id, caseNumber: m.caseNumber, trust: m.trustCode, department: m.departmentCode,
            kind: m.kind, patientNIN: m.patientNIN, patientTrust: m.patientTrustCode,
            crossTrust: m.patientTrustCode != m.trustCode, groupDescription: m.groupDescription,
            groupSize: m.groupSize, medicineId: m.medicineID, medicineName: m.medicineName, indication: m.indication,
            dosage: m.dosage, treatmentDuration: m.treatmentDuration, justification: m.justification,
            alternatives: m.alternatives, expectedBenefit: m.expectedBenefit, costEstimate: m.costEstimate,
            patientInformed: m.patientInformed, route: m.route,
            routeRules: m.routeRules.split(separator: ",").map(String.init), routeExplanation: m.routeExplanation,
            state: m.state, stateTitle: state.title, chainVersion: m.chainVersion, version: m.version,
            createdAt: m.createdAt, decidedAt: m.decidedAt,
            transitions: transitionDTOs(history), guidance: guidance, exemptionApplication: exemption,
            retentionYears: m.retentionYears, revisesCaseId: m.revisesCaseID)
    }

    private func transitionDTOs(_ history: [CaseTransitionRecord]) -> [CaseDTO.Transition] {
        history.map {
            .init(
                from: $0.fromState, to: $0.toState, action: $0.action, actor: $0.actorName,
                actorRole: $0.actorRole, actorTrust: $0.actorTrust, onBehalfOf: $0.onBehalfOfName,
                comment: $0.comment, benefit: $0.benefit, resourceUse: $0.resourceUse, severity: $0.severity,
                at: $0.at, assessmentKind: $0.assessmentKind, assessment: $0.assessment,
                members: $0.memberNames.map { $0.components(separatedBy: "; ") },
                amendments: $0.amendments.flatMap(CaseAmendment.changes(fromJSON:)))
        }
    }

    /// Prescribing guidance and, for a medicine without MT, the prefilled exemption application.
    private func afterApproval(_ m: CaseRecord, on db: any Database) async throws
        -> (CaseDTO.Guidance, CaseDTO.ExemptionApplication?)?
    {
        let context = try await CaseStore(db).approvalContext(of: m)
        guard let config = context.prescribing,
            // A read: the catalogue entry may come from the cache.
            let medicine = try await pathway.catalogue.medicine(id: m.medicineID),
            let decided = m.decidedAt
        else { return nil }
        let decidedOn = CalendarDate(osloDay: decided)
        let made = PrescribingGuidance.make(
            configuration: config, medicine: medicine, mentalHealth: context.mentalHealth,
            decisionDate: decidedOn, route: Route(rawValue: m.route) ?? .offLabel)
        let guidance = CaseDTO.Guidance(
            inHospitalUse: made.inHospitalUse, prescription: made.prescription, exemptionStep: made.exemptionStep)
        guard made.exemptionStep != nil else { return (guidance, nil) }
        let exemption = CaseDTO.ExemptionApplication(
            route: m.route, prescriberName: context.applicantName ?? "", prescriberHPR: m.applicantHPR,
            patientNIN: m.patientNIN, group: m.groupDescription, medicineName: medicine.name, atc: medicine.atc,
            strengthAndForm: [medicine.strength, medicine.form].compactMap { $0 }.joined(separator: ", "),
            indication: m.indication, dosage: m.dosage, duration: m.treatmentDuration,
            medicalJustification: m.justification + " Alternativer: " + m.alternatives, trustCaseNumber: m.caseNumber,
            trustApprovedOn: decidedOn.norwegian)
        return (guidance, exemption)
    }

    static func summary(_ m: CaseListRow) -> CaseSummaryDTO {
        CaseSummaryDTO(
            id: m.id, caseNumber: m.caseNumber, kind: m.kind, medicineName: m.medicineName,
            indication: m.indication, state: m.state, stateTitle: (CaseState(rawValue: m.state) ?? .draft).title,
            trust: m.trustCode, department: m.departmentCode, createdAt: m.createdAt, version: m.version,
            applicantName: m.applicantName, patientBirthYear: m.patientBirthYear,
            waitingSince: m.stateChangedAt ?? m.createdAt)
    }
}

extension CaseTransitionRecord {
    var domain: CaseTransition {
        CaseTransition(
            from: CaseState(rawValue: fromState) ?? .draft, to: CaseState(rawValue: toState) ?? .draft, action: action,
            actorID: actorID.uuidString, actorRole: Role(rawValue: actorRole) ?? .physician, actorTrustID: actorTrust,
            onBehalfOf: onBehalfOfID?.uuidString, comment: comment,
            priority: priority, assessment: stepAssessment)
    }

    private var priority: PriorityAssessment? {
        benefit.map { PriorityAssessment(benefit: $0, resourceUse: resourceUse ?? "", severity: severity ?? "") }
    }

    /// The chain-v2 assessment the step recorded, as the workflow reads it back (members count for four eyes).
    var stepAssessment: StepAssessment? {
        guard let kind = assessmentKind.flatMap(StepAssessment.Kind.init(rawValue:)) else { return nil }
        return StepAssessment(
            kind: kind, text: assessment ?? "",
            members: (members ?? "").split(separator: ",").map(String.init), priority: priority)
    }
}

extension Request {
    /// One database handle for the service and its catalogue: `db` builds a new one on every call.
    var cases: CaseService {
        let database = db
        return CaseService(
            database: database, pathway: application.pathway(on: database), audit: auditLog,
            writes: application.caseWrites, identity: application.identityCache, clock: application.clock)
    }
}
