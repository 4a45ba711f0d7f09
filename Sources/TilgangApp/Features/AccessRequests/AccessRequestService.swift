import Fluent
import TilgangDomain
import Vapor

/// Requests for access to earlier applications (issue 19, «BAT»): a physician asks, the head of their
/// department (or today's stand-in) grants for a period or refuses, and may revoke. Every step is one write
/// transaction with its audit row, which carries the patient's keyed hash so the access log («Innsyn i logg»)
/// shows it. Reads under a grant go through `CaseService.read` (`CaseReadAccess.grant`).
struct AccessRequestService {
    let database: any Database
    let audit: AuditLogService
    let clock: AppClock

    // MARK: - Ask

    func request(_ input: AccessRequestInput, by user: AuthenticatedUser) async throws -> AccessRequestDTO {
        guard AccessRequestPolicy.mayRequest(role: user.role, department: user.departmentCode),
            let department = user.departmentCode
        else { throw AccessRequestError.mayNotRequest }
        let (nin, colleagueID, reason) = try input.validated()
        var colleague: UserModel?
        if let colleagueID {
            // A colleague or predecessor who applied in this trust; never oneself.
            guard let found = try await UserModel.find(colleagueID, on: database), found.id != user.id,
                found.organisation == user.organisation,
                AccessRequestPolicy.requesterRoles.contains(Role(rawValue: found.role) ?? .administrator)
            else { throw ValidationFailure(field: "colleagueId", message: "er ikke en kjent kollega") }
            colleague = found
        }
        let model = AccessRequestModel()
        model.id = UUID()
        model.trustCode = user.organisation
        model.departmentCode = department
        model.requesterID = user.id
        model.requesterName = user.displayName
        model.patientKey = audit.patientKey(for: nin)
        model.colleagueID = colleague?.id
        model.colleagueName = colleague?.displayName
        model.reason = reason
        model.state = AccessRequestState.pending.rawValue
        model.createdAt = clock.now
        let audit = audit
        let detail =
            "request=\(model.id?.uuidString ?? "") scope=" + (colleague.map { "colleague:\($0.username)" } ?? "all")
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "access.request", by: AuditActor(user), caseID: nil, patientKey: model.patientKey, detail: detail,
                on: db)
        }
        return AccessRequestDTO(model, today: clock.today)
    }

    /// The user's own requests, newest first.
    func mine(_ user: AuthenticatedUser) async throws -> [AccessRequestDTO] {
        let today = clock.today
        return try await AccessRequestModel.query(on: database).filter(\.$requesterID == user.id)
            .sort(\.$createdAt, .descending).all().map { AccessRequestDTO($0, today: today) }
    }

    // MARK: - Decide

    /// The requests of the departments the user heads, in their own role or as today's stand-in: pending ones
    /// and grants not yet ended (which the head may revoke); the user's own are not among them.
    func toDecide(_ user: AuthenticatedUser) async throws -> [AccessRequestDTO] {
        let today = clock.today
        var found: [AccessRequestModel] = []
        for decider in try await deciders(user).map(\.policy) where decider.role == .departmentHead {
            guard let department = decider.department else { continue }
            let rows = try await AccessRequestModel.query(on: database)
                .filter(\.$trustCode == decider.trust).filter(\.$departmentCode == department)
                .filter(\.$state ~~ [AccessRequestState.pending.rawValue, AccessRequestState.granted.rawValue])
                .filter(\.$patientKey != RetentionService.purgedText).sort(\.$createdAt, .descending).all()
            found += rows.filter { row in
                AccessRequestPolicy.mayDecide(
                    decider, requesterID: row.requesterID.uuidString, trust: row.trustCode,
                    department: row.departmentCode)
                    && (row.state == AccessRequestState.pending.rawValue
                        || (row.lastDay.flatMap(CalendarDate.init(iso:)).map { $0 >= today } ?? false))
                    && !found.contains { $0.id == row.id }
            }
        }
        return found.map { AccessRequestDTO($0, today: today) }
    }

    func grant(_ id: UUID, _ input: AccessDecisionInput, by user: AuthenticatedUser) async throws -> AccessRequestDTO {
        let days = try input.grantDays()
        let today = clock.today
        guard let last = AccessGrantPeriod.lastDay(from: today, days: days) else {
            throw ValidationFailure(field: "days", message: "må være fra 1 til \(AccessGrantPeriod.maximumDays)")
        }
        let now = clock.now
        return try await decide(id, by: user, expecting: .pending) { model, principal in
            model.state = AccessRequestState.granted.rawValue
            model.firstDay = today.iso
            model.lastDay = last.iso
            model.decidedByID = user.id
            model.decidedByName = user.displayName
            model.onBehalfOfName = principal?.displayName
            model.decidedAt = now
            return ("access.grant", "from=\(today.iso) through=\(last.iso)")
        }
    }

    func refuse(_ id: UUID, _ input: AccessDecisionInput, by user: AuthenticatedUser) async throws -> AccessRequestDTO {
        let reason = try input.reasonText(required: true)
        let now = clock.now
        return try await decide(id, by: user, expecting: .pending) { model, principal in
            model.state = AccessRequestState.refused.rawValue
            model.decidedByID = user.id
            model.decidedByName = user.displayName
            model.onBehalfOfName = principal?.displayName
            model.decidedAt = now
            model.decisionReason = reason
            return ("access.refuse", "")
        }
    }

    /// Ends a grant now; reads under it are refused from the next request on.
    func revoke(_ id: UUID, _ input: AccessDecisionInput, by user: AuthenticatedUser) async throws -> AccessRequestDTO {
        let reason = try input.reasonText(required: false)
        let now = clock.now
        return try await decide(id, by: user, expecting: .granted) { model, principal in
            model.state = AccessRequestState.revoked.rawValue
            model.revokedByName = user.displayName + (principal.map { " for \($0.displayName)" } ?? "")
            model.revokedAt = now
            model.revokeReason = reason
            return ("access.revoke", "")
        }
    }

    /// One decision in one write transaction: the request read again there, the decider checked against it
    /// (substitutions read fresh), the row changed and its audit row appended. `change` gets the department head
    /// a stand-in acts for and returns the audit action and detail.
    private func decide(
        _ id: UUID, by user: AuthenticatedUser, expecting state: AccessRequestState,
        change: @escaping @Sendable (AccessRequestModel, AuthenticatedUser?) -> (String, String)
    ) async throws -> AccessRequestDTO {
        let deciders = try await deciders(user)
        let audit = audit
        let model = try await database.writeTransaction { db -> AccessRequestModel in
            guard let model = try await AccessRequestModel.find(id, on: db) else { throw AccessRequestError.notFound }
            guard model.patientKey != RetentionService.purgedText else { throw AccessRequestError.purged }
            guard
                let decider = deciders.first(where: {
                    AccessRequestPolicy.mayDecide(
                        $0.policy, requesterID: model.requesterID.uuidString, trust: model.trustCode,
                        department: model.departmentCode)
                })
            else {
                throw model.requesterID == user.id ? AccessRequestError.ownRequest : AccessRequestError.notDecider
            }
            guard model.state == state.rawValue else {
                throw AccessRequestError.notInState(AccessRequestState(rawValue: model.state) ?? state)
            }
            let (action, extra) = change(model, decider.principal)
            try await model.save(on: db)
            let detail = ["request=\(id.uuidString)", extra, decider.principal.map { "for=\($0.username)" } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " ")
            try await audit.append(
                action, by: AuditActor(user), caseID: nil, patientKey: model.patientKey, detail: detail, on: db)
            return model
        }
        return AccessRequestDTO(model, today: clock.today)
    }

    /// The ways the user can decide: in their own role, and in each leader's they stand in for today.
    private func deciders(_ user: AuthenticatedUser) async throws -> [AccessDecider] {
        let principals = try await SubstitutionService(database: database).principals(of: user, on: clock.today)
        return [AccessDecider(user: user, principal: nil)] + principals.map { AccessDecider(user: user, principal: $0) }
    }

    // MARK: - Read under a grant

    /// The grant under which `user` may read the case today, if any (`CaseService.readAccess`).
    func activeGrant(for user: AuthenticatedUser, covering facts: AccessGrant.CaseFacts) async throws -> AccessGrant? {
        guard let key = facts.patientKey else { return nil }
        let today = clock.today
        let rows = try await AccessRequestModel.query(on: database).filter(\.$requesterID == user.id)
            .filter(\.$patientKey == key).filter(\.$state == AccessRequestState.granted.rawValue).all()
        return rows.compactMap(\.grant).first { $0.covers(facts, for: user.id.uuidString, on: today) }
    }

    /// The applications `user` may read under their grant `id` today, newest first; refused when the grant is
    /// not theirs or not active.
    func cases(under id: UUID, for user: AuthenticatedUser) async throws -> [CaseSummaryDTO] {
        guard let model = try await AccessRequestModel.find(id, on: database), model.requesterID == user.id else {
            throw AccessRequestError.notFound
        }
        let today = clock.today
        guard let grant = model.grant, grant.isActive(on: today) else { throw AccessRequestError.notActive }
        var query = CaseModel.query(on: database).filter(\.$patientKey == grant.patientKey)
            .filter(\.$trustCode == grant.trust).filter(\.$departmentCode == grant.department)
            .filter(\.$state != CaseState.draft.rawValue)
        if let colleague = model.colleagueID { query = query.filter(\.$applicantID == colleague) }
        return try await query.sort(\.$createdAt, .descending).all().filter {
            grant.covers(Self.facts($0), for: user.id.uuidString, on: today)
        }.map(Self.summary)
    }

    /// The requests and grants for a patient in `trust` (the access log, «Innsyn i logg»).
    func forPatient(key: String, trust: String) async throws -> [AccessRequestDTO] {
        let today = clock.today
        return try await AccessRequestModel.query(on: database).filter(\.$patientKey == key)
            .filter(\.$trustCode == trust).sort(\.$createdAt).all().map { AccessRequestDTO($0, today: today) }
    }

    static func facts(_ m: CaseModel) -> AccessGrant.CaseFacts {
        AccessGrant.CaseFacts(
            applicantID: m.applicantID.uuidString, trust: m.trustCode, department: m.departmentCode,
            patientKey: m.patientKey, isDraft: m.state == CaseState.draft.rawValue)
    }

    static func summary(_ m: CaseModel) -> CaseSummaryDTO {
        CaseSummaryDTO(
            id: m.id ?? UUID(), caseNumber: m.caseNumber, kind: m.kind, medicineName: m.medicineName,
            indication: m.indication, state: m.state, stateTitle: (CaseState(rawValue: m.state) ?? .draft).title,
            trust: m.trustCode, department: m.departmentCode, createdAt: m.createdAt, version: m.version,
            applicantName: m.applicantName, patientBirthYear: m.patientBirthYear,
            waitingSince: m.createdAt)
    }
}

extension Request {
    var accessRequests: AccessRequestService {
        AccessRequestService(database: db, audit: auditLog, clock: application.clock)
    }
}

extension AccessRequestService {
    /// Colleagues and predecessors the user may name: people in a prescribing role in the same trust and
    /// department (active or not: a predecessor may have left), by name.
    func colleagues(of user: AuthenticatedUser) async throws -> [UserModel] {
        guard let department = user.departmentCode else { return [] }
        return try await UserModel.query(on: database).filter(\.$organisation == user.organisation)
            .filter(\.$departmentCode == department)
            .filter(\.$role ~~ AccessRequestPolicy.requesterRoles.map(\.rawValue)).sort(\.$displayName).all()
            .filter { $0.id != user.id }
    }
}
