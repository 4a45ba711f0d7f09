import Fluent
import TilgangDomain
import Vapor

/// Removes patient data from decided cases whose retention time is over (SPEC §5.9: 10 years; seed 000: 30 years
/// for advanced therapy). The case, its history and the audit log stay; the purge itself is audit-logged.
/// Trust cases count from the decision, exemptions from their last valid day, compassionate-use cases from their
/// creation (Tilgang does not record the end of treatment).
///
/// In bounded batches, for ten years of cases (millions of exemptions): only candidates decided (or ended, or
/// created) by `RetentionPolicy.latestPossiblyDue` are read — a bound in SQL, so ten years of cases not yet due are
/// counted, not read — a page of ids at a time outside any write transaction, and `RetentionPolicy.isDue` decides
/// each. The due ones are purged `batchSize` at a time, each batch its own write
/// turn (`writeTransaction`), so other writers get turns in between and none waits for the whole run. Each batch
/// commits its purge and audit rows together; a run stopped half-way has purged whole batches, and the next run
/// finds the rest (a purged case no longer matches the candidate query).
struct RetentionService {
    static let purgedText = "[slettet etter oppbevaringstiden]"
    /// Cases purged per write transaction.
    static let batchSize = 200
    /// Candidate ids read per query.
    static let scanPage = 2_000

    let database: any Database
    let audit: AuditLogService
    let clock: AppClock
    var batchSize = Self.batchSize

    struct Result: Equatable {
        /// The purged references, when the run collects them (`run(today:)`).
        var purged: [String] = []
        var purgedCount = 0
        var kept = 0
        /// Requests for access to earlier applications whose free texts were purged.
        var accessRequestsPurged = 0
    }

    /// Runs and collects every purged reference (tests, small databases).
    func run(today: CalendarDate) async throws -> Result {
        var purged: [String] = []
        var result = try await run(today: today) { references, _ in purged += references }
        result.purged = purged
        return result
    }

    /// Runs in batches; `committed` gets each batch's references once it is committed, with the counts so far (an
    /// error it throws stops the run there, the batches before it done).
    func run(today: CalendarDate, committed: ([String], Result) throws -> Void) async throws -> Result {
        var result = Result()
        func done(_ references: [String]) throws {
            result.purgedCount += references.count
            try committed(references, result)
        }
        // Nothing decided after this day can be due today, under any retention time.
        let latest = RetentionPolicy.latestPossiblyDue(today: today)
        let before = AppClock.startOfDayInOslo(latest.addingDays(1) ?? latest)
        let standard = RetentionPolicy.standardYears
        let keptCases = try await forEachDuePage(CaseModel.self) { query in
            query.filter(\.$decidedAt != nil).filter(\.$purgedAt == nil)
        } possiblyDue: { query in
            // Or kept for less than the standard time: the bound assumes no record is, and one that says
            // otherwise (a correction by hand, a later rule) is still read and decided by its own years.
            query.group(.or) { $0.filter(\.$decidedAt < before).filter(\.$retentionYears < standard) }
                .field(\.$decidedAt).field(\.$retentionYears)
        } isDue: { model in
            guard let decidedAt = model.decidedAt else { return false }
            return RetentionPolicy.isDue(
                decided: CalendarDate(osloDay: decidedAt), years: model.retentionYears, today: today)
        } purge: { ids in
            try done(try await purgeCases(ids))
        }
        result.kept += keptCases
        let keptExemptions = try await forEachDuePage(ExemptionModel.self) { query in
            query.filter(\.$justification != Self.purgedText)
        } possiblyDue: { query in
            // `valid_until` is stored as YYYY-MM-DD, so text order is date order.
            query.filter(\.$validUntil <= latest.iso).field(\.$state).field(\.$validUntil)
        } isDue: { model in
            guard ExemptionState(rawValue: model.state)?.isOpen != true, let end = CalendarDate(iso: model.validUntil)
            else { return false }
            return RetentionPolicy.isDue(decided: end, years: RetentionPolicy.standardYears, today: today)
        } purge: { ids in
            try done(try await purgeExemptions(ids))
        }
        result.kept += keptExemptions
        let keptCU = try await forEachDuePage(CUCaseModel.self) { query in
            query.filter(\.$patientNIN != nil)
        } possiblyDue: { query in
            query.group(.or) { $0.filter(\.$createdAt < before).filter(\.$retentionYears < standard) }
                .field(\.$createdAt).field(\.$retentionYears)
        } isDue: { model in
            guard let created = model.createdAt else { return false }
            return RetentionPolicy.isDue(
                decided: CalendarDate(osloDay: created), years: model.retentionYears, today: today)
        } purge: { ids in
            try done(try await purgeCompassionateUse(ids))
        }
        result.kept += keptCU
        // A request for access to earlier applications (issue 19) gives its reasons in free text, which can say as
        // much about the patient as the application: they go ten years after the request's last date, while the
        // record of who asked whom, and when, stays (as a purged case keeps its history). The purged mark is the
        // patient key, which nobody can type, not the reason, which the requester can.
        _ = try await forEachDuePage(AccessRequestModel.self) { query in
            query.filter(\.$patientKey != Self.purgedText)
        } possiblyDue: { query in
            // Its last date is never before its creation.
            query.filter(\.$createdAt < before).field(\.$createdAt).field(\.$decidedAt).field(\.$lastDay)
                .field(\.$revokedAt)
        } isDue: { model in
            RetentionPolicy.isDue(
                decided: Self.lastDate(of: model), years: RetentionPolicy.standardYears, today: today)
        } purge: { ids in
            result.accessRequestsPurged += try await purgeAccessRequests(ids)
        }
        // Idempotency records hold no patient data and expire within a day; none outlives a purge.
        let expired = clock.now.addingTimeInterval(-IdempotencyService.lifetime)
        try await database.writeTransaction { db in
            try await IdempotencyRecordModel.query(on: db).filter(\.$createdAt < expired).delete()
        }
        return result
    }

    /// Pages through the candidates that can be due by id (only the columns `isDue` reads), and hands the due ones
    /// on in batches. Returns how many candidates were not due: all of them counted, only those possibly due read.
    private func forEachDuePage<M: Model>(
        _: M.Type, candidates: (QueryBuilder<M>) -> QueryBuilder<M>,
        possiblyDue: (QueryBuilder<M>) -> QueryBuilder<M>, isDue: (M) -> Bool,
        purge: ([UUID]) async throws -> Void
    ) async throws -> Int where M.IDValue == UUID {
        let all = try await candidates(M.query(on: database)).count()
        var due = 0
        var after: UUID?
        while true {
            var query = possiblyDue(candidates(M.query(on: database).field(\._$id))).sort(\._$id)
                .limit(Self.scanPage)
            if let after { query = query.filter(\._$id > after) }
            let page = try await query.all()
            let dueIDs = try page.filter(isDue).map { try $0.requireID() }
            due += dueIDs.count
            for start in stride(from: 0, to: dueIDs.count, by: batchSize) {
                try await purge(Array(dueIDs[start..<min(start + batchSize, dueIDs.count)]))
            }
            guard page.count == Self.scanPage, let last = page.last else { return max(0, all - due) }
            after = try last.requireID()
        }
    }

    /// One write turn: the batch's trust cases not purged meanwhile, their steps' texts, attachments and audit rows.
    private func purgeCases(_ ids: [UUID]) async throws -> [String] {
        let audit = audit
        let now = clock.now
        return try await database.writeTransaction { db in
            let models = try await CaseModel.query(on: db).filter(\.$id ~~ ids).filter(\.$purgedAt == nil)
                .field(\.$id).field(\.$caseNumber).field(\.$trustCode).field(\.$retentionYears).sort(\.$id).all()
            let live = try models.map { try $0.requireID() }
            guard !live.isEmpty else { return [] }
            try await CaseModel.query(on: db).filter(\.$id ~~ live)
                .set(\.$patientNIN, to: nil).set(\.$patientKey, to: nil)
                .set(\.$justification, to: Self.purgedText).set(\.$alternatives, to: Self.purgedText)
                .set(\.$expectedBenefit, to: Self.purgedText).set(\.$purgedAt, to: now).update()
            // Every copy: what the steps' assessments and comments said about the patient goes too.
            try await CaseTransitionModel.query(on: db).filter(\.$caseID ~~ live)
                .set(\.$comment, to: Self.purgedText).set(\.$benefit, to: nil).set(\.$resourceUse, to: nil)
                .set(\.$severity, to: nil).update()
            // Attachments (consent, lab results) are patient data through and through: they go entirely.
            try await AttachmentModel.query(on: db).filter(\.$caseID ~~ live).delete()
            try await audit.append(
                models.map { model in
                    AuditLogService.Entry(
                        action: "case.purge",
                        actor: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                        caseID: model.caseNumber, patientKey: nil, detail: "retention \(model.retentionYears) years",
                        at: now)
                }, on: db)
            return models.map(\.caseNumber)
        }
    }

    private func purgeExemptions(_ ids: [UUID]) async throws -> [String] {
        let audit = audit
        let now = clock.now
        return try await database.writeTransaction { db in
            let models = try await ExemptionModel.query(on: db).filter(\.$id ~~ ids)
                .filter(\.$justification != Self.purgedText).field(\.$id).field(\.$reference)
                .field(\.$submittedByOrganisation).sort(\.$id).all()
            let live = try models.map { try $0.requireID() }
            guard !live.isEmpty else { return [] }
            try await ExemptionModel.query(on: db).filter(\.$id ~~ live)
                .set(\.$patientNIN, to: nil).set(\.$patientKey, to: nil).set(\.$animal, to: nil)
                .set(\.$justification, to: Self.purgedText).set(\.$assessmentJSON, to: nil).update()
            try await ExemptionModel.query(on: db).filter(\.$id ~~ live).filter(\.$decisionReasons != nil)
                .set(\.$decisionReasons, to: Self.purgedText).update()
            try await ExemptionEventModel.query(on: db).filter(\.$exemptionID ~~ live)
                .set(\.$text, to: Self.purgedText).update()
            try await audit.append(
                models.map { model in
                    AuditLogService.Entry(
                        action: "exemption.purge",
                        actor: AuditActor(id: "system", role: "retention", trust: model.submittedByOrganisation),
                        caseID: model.reference, patientKey: nil, detail: "retention 10 years", at: now)
                }, on: db)
            return models.map(\.reference)
        }
    }

    /// The last of a request's dates: asked, decided, revoked, or the grant's last day.
    static func lastDate(of request: AccessRequestModel) -> CalendarDate {
        let days =
            [request.decidedAt, request.revokedAt].compactMap { $0.map { CalendarDate(osloDay: $0) } }
            + [request.lastDay.flatMap { CalendarDate(iso: $0) }].compactMap { $0 }
        return days.reduce(CalendarDate(osloDay: request.createdAt)) { max($0, $1) }
    }

    /// One write turn: the batch's requests' reasons (asked, refused, revoked) and their patient's key.
    private func purgeAccessRequests(_ ids: [UUID]) async throws -> Int {
        let audit = audit
        let now = clock.now
        return try await database.writeTransaction { db in
            let models = try await AccessRequestModel.query(on: db).filter(\.$id ~~ ids)
                .filter(\.$patientKey != Self.purgedText).field(\.$id).field(\.$trustCode).field(\.$patientKey)
                .sort(\.$id).all()
            let live = try models.map { try $0.requireID() }
            guard !live.isEmpty else { return 0 }
            try await AccessRequestModel.query(on: db).filter(\.$id ~~ live)
                .set(\.$reason, to: Self.purgedText).set(\.$patientKey, to: Self.purgedText).update()
            try await AccessRequestModel.query(on: db).filter(\.$id ~~ live).filter(\.$decisionReason != nil)
                .set(\.$decisionReason, to: Self.purgedText).update()
            try await AccessRequestModel.query(on: db).filter(\.$id ~~ live).filter(\.$revokeReason != nil)
                .set(\.$revokeReason, to: Self.purgedText).update()
            try await audit.append(
                try models.map { model in
                    AuditLogService.Entry(
                        action: "access.purge",
                        actor: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                        // The patient's key as the request's other rows carry it: the patient's access log shows
                        // the purge with them.
                        caseID: nil, patientKey: model.patientKey,
                        detail: "request=\(try model.requireID().uuidString) retention=10y", at: now)
                }, on: db)
            return live.count
        }
    }

    private func purgeCompassionateUse(_ ids: [UUID]) async throws -> [String] {
        let audit = audit
        let now = clock.now
        return try await database.writeTransaction { db in
            let models = try await CUCaseModel.query(on: db).filter(\.$id ~~ ids).filter(\.$patientNIN != nil)
                .field(\.$id).field(\.$reference).field(\.$trustCode).field(\.$retentionYears).sort(\.$id).all()
            let live = try models.map { try $0.requireID() }
            guard !live.isEmpty else { return [] }
            try await CUCaseModel.query(on: db).filter(\.$id ~~ live)
                .set(\.$patientNIN, to: nil).set(\.$patientKey, to: nil).set(\.$justification, to: Self.purgedText)
                .update()
            try await CUEventModel.query(on: db).filter(\.$caseID ~~ live).set(\.$comment, to: Self.purgedText)
                .update()
            try await audit.append(
                models.map { model in
                    AuditLogService.Entry(
                        action: "cu.purge", actor: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                        caseID: model.reference, patientKey: nil, detail: "retention \(model.retentionYears) years",
                        at: now)
                }, on: db)
            return models.map(\.reference)
        }
    }
}
