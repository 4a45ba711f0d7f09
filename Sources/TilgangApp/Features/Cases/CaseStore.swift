import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import TilgangDomain
import Vapor

/// The read side of cases in plain SQL, decoded into values (`CaseRecord`, `CaseListRow`). Work lists filter by
/// access in the database, so a list reads only what the user may see. `CaseService` still checks every row
/// with `CaseAccess`: the SQL narrows, the rule decides.
struct CaseStore {
    let sql: any SQLDatabase

    init(_ database: any Database) throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        self.sql = sql
    }

    private static let recordColumns = CaseRecord.CodingKeys.allCases.map { "c.\"\($0.rawValue)\"" }
        .joined(separator: ", ")
    private static let listColumns = CaseListRow.CodingKeys.allCases.map { "\"\($0.rawValue)\"" }
        .joined(separator: ", ")
    private static let transitionColumns = CaseTransitionRecord.CodingKeys.allCases.map { "t.\"\($0.rawValue)\"" }
        .joined(separator: ", ")

    /// The case with its transitions, in one query: one row per transition (one row with no transition columns
    /// for a draft). The two tables share no column name.
    struct RecordQuery: FixedQuery {
        static let sql = """
            SELECT \(recordColumns), \(transitionColumns) FROM cases c
            LEFT JOIN case_transitions t ON t.case_id = c.id WHERE c.id = $1 ORDER BY t."position"
            """
        static let name = "tilgang_case_record"
        let id: UUID

        var sqliteBinds: [SQLiteData] { [.text(TextFormat.uuidString(id))] }
        var binds: [any Encodable & Sendable] { [id] }
    }

    func record(_ id: UUID) async throws -> CaseRecord? {
        let rows = try await sql.resultRows(RecordQuery(id: id))
        guard let first = rows.first else { return nil }
        var record = try CaseRecord(row: first)
        record.history = try rows.filter { !$0.isNull("from_state") }.map(CaseTransitionRecord.init(row:))
        return record
    }

    /// The version a refused compare-and-set reports (nil when the case is gone).
    private func currentVersion(of id: UUID) async throws -> Int? {
        try await sql.raw("SELECT version FROM cases WHERE id = \(bind: id)").first()?
            .decode(column: "version", as: Int.self)
    }

    /// The optimistic lock: sets the state and the next version only while the case is still at
    /// `expectedVersion`. Nil when applied; otherwise the case's current version.
    private func compareAndSet(
        _ id: UUID, expectedVersion: Int, state: CaseState, decidedAt: Date?, changedAt: Date
    ) async throws -> Int? {
        var update = sql.update(CaseModel.schema)
            .set("state", to: state.rawValue).set("version", to: expectedVersion + 1)
            .set("state_changed_at", to: changedAt)
            .where("id", .equal, id).where("version", .equal, expectedVersion)
        if let decidedAt { update = update.set("decided_at", to: decidedAt) }
        guard try await update.returning("version").all().isEmpty else { return nil }
        return try await currentVersion(of: id) ?? expectedVersion
    }

    /// What an approved case's guidance needs besides the case: the trust's prescribing configuration, whether
    /// the department is in mental health care, and the applicant's name. One query.
    func approvalContext(of record: CaseRecord) async throws -> (
        prescribing: PrescribingConfiguration?, mentalHealth: Bool, applicantName: String?
    ) {
        let row = try await sql.raw(
            """
            SELECT (SELECT prescribing_config FROM trusts WHERE code = \(bind: record.trustCode)) AS config,
            (SELECT mental_health FROM departments WHERE code = \(bind: record.departmentCode)) AS mental,
            (SELECT display_name FROM users WHERE id = \(bind: record.applicantID)) AS applicant
            """
        ).first()
        let config = try row?.decode(column: "config", as: String?.self)
        return (
            config.flatMap(TrustModel.prescribing(fromJSON:)),
            try row?.decode(column: "mental", as: Bool?.self) ?? false,
            try row?.decode(column: "applicant", as: String?.self)
        )
    }

    /// The compare-and-set and the transition it records. Nil when applied; otherwise the case's current version.
    /// On PostgreSQL one statement (a data-modifying CTE inserts the transition only when the update matched):
    /// each statement is a round trip inside the write turn. SQLite has no such CTE and no round trips.
    func apply(
        _ step: CaseTransitionRecord, to id: UUID, at position: Int, expectedVersion: Int, state: CaseState,
        decidedAt: Date?
    ) async throws -> Int? {
        guard sql.dialect.name == "postgresql" else {
            if let current = try await compareAndSet(
                id, expectedVersion: expectedVersion, state: state, decidedAt: decidedAt, changedAt: step.at)
            {
                return current
            }
            try await insert(step, caseID: id, position: position)
            return nil
        }
        // Casts: a NULL parameter has no type of its own.
        let statement: SQLQueryString = """
            WITH changed AS (
                UPDATE cases SET state = \(bind: state.rawValue), version = \(bind: expectedVersion + 1),
                decided_at = COALESCE(\(bind: decidedAt)::timestamptz, decided_at),
                state_changed_at = \(bind: step.at)::timestamptz
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            )
            INSERT INTO case_transitions (id, case_id, "position", \(unsafeRaw: Self.transitionInsertColumns))
            SELECT \(bind: UUID())::uuid, changed.id, \(bind: position)::bigint, \(bind: step.fromState)::text,
                \(bind: step.toState)::text, \(bind: step.action)::text, \(bind: step.actorID)::uuid,
                \(bind: step.actorName)::text, \(bind: step.actorRole)::text, \(bind: step.actorTrust)::text,
                \(bind: step.onBehalfOfID)::uuid, \(bind: step.onBehalfOfName)::text, \(bind: step.comment)::text,
                \(bind: step.benefit)::text, \(bind: step.resourceUse)::text, \(bind: step.severity)::text,
                \(bind: step.at)::timestamptz, \(bind: step.assessmentKind)::text, \(bind: step.assessment)::text,
                \(bind: step.members)::text, \(bind: step.memberNames)::text, \(bind: step.amendments)::text
            FROM changed RETURNING case_id
            """
        guard try await sql.resultRows(statement).isEmpty else { return nil }
        return try await currentVersion(of: id) ?? expectedVersion
    }

    /// An applicant's edit: the new values and the next version, only while the case is still at the expected
    /// version and state, and the step that records the changes when there is one. Nil when applied; otherwise
    /// the case's current version.
    func amend(_ amendment: CaseAmendmentWrite) async throws -> Int? {
        var update = sql.update(CaseModel.schema).set("version", to: amendment.expectedVersion + 1)
        for (column, value) in amendment.columns { update = update.set(column, to: value) }
        update =
            update
            .where("id", .equal, amendment.caseID).where("version", .equal, amendment.expectedVersion)
            .where("state", .equal, amendment.state.rawValue)
        if try await update.returning("version").all().isEmpty {
            return try await currentVersion(of: amendment.caseID) ?? amendment.expectedVersion
        }
        if let step = amendment.step { try await insert(step, caseID: amendment.caseID, position: amendment.position) }
        return nil
    }

    private static let transitionInsertColumns = CaseTransitionRecord.CodingKeys.allCases.map { "\"\($0.rawValue)\"" }
        .joined(separator: ", ")

    /// Appends a transition (the unique case and position refuse a second one at the same place).
    private func insert(_ step: CaseTransitionRecord, caseID: UUID, position: Int) async throws {
        try await sql.insert(into: CaseTransitionModel.schema)
            .columns(["id", "case_id", "position"] + CaseTransitionRecord.CodingKeys.allCases.map(\.rawValue))
            .values(
                SQLBind(UUID()), SQLBind(caseID), SQLBind(position), SQLBind(step.fromState), SQLBind(step.toState),
                SQLBind(step.action), SQLBind(step.actorID), SQLBind(step.actorName), SQLBind(step.actorRole),
                SQLBind(step.actorTrust), SQLBind(step.onBehalfOfID), SQLBind(step.onBehalfOfName),
                SQLBind(step.comment), SQLBind(step.benefit), SQLBind(step.resourceUse), SQLBind(step.severity),
                SQLBind(step.at), SQLBind(step.assessmentKind), SQLBind(step.assessment), SQLBind(step.members),
                SQLBind(step.memberNames), SQLBind(step.amendments)
            )
            .run()
    }

    /// Inserts a new case in plain SQL: it runs inside the write turn, where Fluent's `create` spent its time
    /// enumerating the model's thirty properties by reflection (docs/load-benchmark.md, item 12).
    func insert(_ model: CaseModel, createdAt: Date) async throws {
        let values = try Self.insertValues(model, createdAt: createdAt)
        let insert = sql.insert(into: CaseModel.schema).columns(values.map(\.column))
        try await insert.values(values.map { SQLBind($0.value) }).run()
    }

    /// Every column of `cases` but the two a new case leaves empty (`purged_at`, `decided_at`); a new case's state
    /// changed when it was created.
    static func insertValues(_ model: CaseModel, createdAt: Date) throws -> [(
        column: String, value: any Encodable & Sendable
    )] {
        [
            ("id", try model.requireID()), ("case_number", model.caseNumber), ("trust_code", model.trustCode),
            ("department_code", model.departmentCode), ("applicant_id", model.applicantID),
            ("applicant_hpr", model.applicantHPR), ("kind", model.kind), ("patient_nin", model.patientNIN),
            ("patient_key", model.patientKey), ("patient_trust_code", model.patientTrustCode),
            ("group_description", model.groupDescription), ("group_size", model.groupSize),
            ("medicine_id", model.medicineID), ("medicine_name", model.medicineName),
            ("indication", model.indication), ("dosage", model.dosage),
            ("treatment_duration", model.treatmentDuration), ("justification", model.justification),
            ("alternatives", model.alternatives), ("expected_benefit", model.expectedBenefit),
            ("cost_estimate", model.costEstimate), ("patient_informed", model.patientInformed),
            ("route", model.route), ("route_rules", model.routeRules),
            ("route_explanation", model.routeExplanation), ("state", model.state),
            ("chain_version", model.chainVersion), ("version", model.version),
            ("retention_years", model.retentionYears), ("created_at", createdAt),
            ("revises_case_id", model.revisesCaseID), ("applicant_name", model.applicantName),
            ("state_changed_at", createdAt), ("patient_birth_year", model.patientBirthYear),
        ]
    }

    /// Newest first: the cases any of `people` may read (`CaseAccess.mayRead` as SQL), in `states` when given;
    /// with `waitingOnly`, only those at a step one of them takes (a superset of `CaseAccess.isWaiting`).
    /// `limit` and `offset` page the result in the database.
    func listRows(
        visibleTo people: [AuthenticatedUser], states: [CaseState]? = nil, waitingOnly: Bool = false,
        limit: Int? = nil, offset: Int = 0, containing text: String? = nil
    ) async throws -> [CaseListRow] {
        let clauses = people.flatMap { waitingOnly ? Self.waiting(on: $0) : Self.visible(to: $0) }
        guard !clauses.isEmpty else { return [] }
        var stateFilter: SQLQueryString = states.map { " AND state IN (\(binds: $0.map(\.rawValue)))" } ?? ""
        var whole: [String]?
        if let text {
            // `text` is lower-cased plain ASCII without wildcards (CaseSearch.sqlText): lower() then matches as the
            // search does, in SQLite (ASCII) and PostgreSQL alike.
            let pattern = "%" + text + "%"
            whole = try await wholeCaseNumbers(text)
            if let whole {
                // A whole case number is looked for among case numbers only (`CaseSearch.matches`), through the
                // unique index: as a phrase its trigrams (`si-`, `202`, `-00` …) are in every case number, and
                // FTS5 walked those lists three times a page (bench/scale: 4 ms a search).
                stateFilter += whole.isEmpty ? " AND 1 = 0" : " AND case_number IN (\(binds: whole))"
            } else {
                stateFilter +=
                    " AND (lower(case_number) LIKE \(bind: pattern) OR lower(medicine_name) LIKE \(bind: pattern) "
                    + "OR lower(applicant_name) LIKE \(bind: pattern))"
            }
        }
        // A search that matches few cases reads just those through the trigram index; one that matches many is
        // answered fastest by reading the visible cases newest first until the page is full.
        var source: SQLQueryString = "cases"
        if let text, whole == nil, let matches = try await fewMatches(text) {
            source = matches
        }
        let branches: [SQLQueryString] = clauses.map {
            "SELECT \(unsafeRaw: Self.listColumns) FROM \(source) WHERE \($0)\(stateFilter)"
        }
        var query: SQLQueryString
        if limit != nil, clauses.count > 1, sql.dialect.name == "sqlite", states == nil, text == nil {
            // One branch per clause, each read newest first through its own index; SQLite merges the sorted
            // branches (dropping a case two clauses find) and stops at the end of the page. A single `OR` made it
            // collect and sort every case of the trust for each page (docs/load-benchmark.md, "read mix after
            // writes"); branches that each held a page in a subquery were copied through three temporary b-trees
            // (bench/scale: 1.4 ms of the physician's 3 ms to-do list). Only without a filter: a branch does not
            // know the page's LIMIT, and with `state IN (…)` or a search SQLite then read the filter's index and
            // sorted every match (the decided list at ten years: 260 ms a page).
            query = branches.joined(separator: " UNION ") + " ORDER BY \(unsafeRaw: Self.newestFirst)"
        } else if let limit, clauses.count > 1 {
            // With a filter, each branch holds the page's end in a subquery, stopped early through its own index
            // (PostgreSQL would otherwise read every row of every branch before a `UNION`'s sort). On SQLite the
            // union is the statement itself, which it merges in order; wrapped in a subquery it was copied through
            // a temporary b-tree first.
            let union = PagedUnion.of(
                branches.map { $0 + " ORDER BY \(unsafeRaw: Self.newestFirst)" }, window: limit + offset)
            if sql.dialect.name == "sqlite" {
                query = union
            } else {
                query = "SELECT \(unsafeRaw: Self.listColumns) FROM (" + union + ") AS visible"
            }
            query += " ORDER BY \(unsafeRaw: Self.newestFirst)"
        } else {
            query = "SELECT \(unsafeRaw: Self.listColumns) FROM \(source) WHERE (\(clauses.joined(separator: " OR ")))"
            query += "\(stateFilter) ORDER BY \(unsafeRaw: Self.newestFirst)"
        }
        // Literal numbers: a bound LIMIT makes SQLite prepare the statement twice (it re-plans for the bound value).
        if let limit { query += " LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))" }
        return try await sql.resultRows(query).map(CaseListRow.init(row:))
    }

    /// A whole case number typed as the search (`si-2025-001834`) is found through the unique index: on
    /// PostgreSQL its trigrams (`si-`, `202`, `-00` …) are in nearly every case number, and reading those lists
    /// made the search 4.6× dearer at ten years (bench/scale). The case numbers that contain it are those that
    /// end with it (`CaseSearchNumbers`).
    private func wholeCaseNumbers(_ text: String) async throws -> [String]? {
        guard CaseSearchNumbers.isWholeNumber(text) else { return nil }
        let codes = try await sql.raw("SELECT code FROM trusts").all().map {
            try $0.decode(column: "code", as: String.self)
        }
        return CaseSearchNumbers.containing(text, trustCodes: codes)
    }

    /// At most this many matches count as few (`fewMatches`).
    static let fewMatchesBound = 2_000

    /// On SQLite, the cases whose case number, medicine or applicant contains `text` (lower-cased plain ASCII),
    /// as a FROM clause that reads only them, when they are at most `fewMatchesBound`; nil otherwise, and on
    /// PostgreSQL, whose planner picks the trigram indexes of `AddCaseSearchIndex` for the `LIKE`s itself. The
    /// `LIKE`s stay in the query either way, so the index only narrows what is read. The matches are a derived
    /// table read first (`CROSS JOIN` keeps that order in SQLite), so the query's unqualified columns are the case's.
    private func fewMatches(_ text: String) async throws -> SQLQueryString? {
        guard sql.dialect.name == "sqlite", text.count >= 3 else { return nil }
        let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let table = AddCaseSearchIndex.sqliteTable
        let counted = try await sql.raw(
            """
            SELECT count(*) AS n FROM (SELECT rowid FROM \(unsafeRaw: table) WHERE \(unsafeRaw: table) \
            MATCH \(bind: phrase) LIMIT \(unsafeRaw: String(Self.fewMatchesBound + 1))) AS hits
            """
        ).first()?.decode(column: "n", as: Int.self)
        guard let counted, counted <= Self.fewMatchesBound else { return nil }
        return """
            (SELECT rowid AS hit FROM \(unsafeRaw: table) WHERE \(unsafeRaw: table) MATCH \(bind: phrase)) AS hits \
            CROSS JOIN cases ON cases.rowid = hits.hit
            """
    }

    /// Every case of one patient (by keyed hash), newest first; the caller checks access
    /// (`CaseService.casesOfPatient`).
    func listRows(ofPatientKey key: String) async throws -> [CaseListRow] {
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.listColumns) FROM cases WHERE patient_key = \(bind: key) \
            ORDER BY \(unsafeRaw: Self.newestFirst)
            """
        return try await sql.resultRows(query).map(CaseListRow.init(row:))
    }

    /// The case number breaks ties, so pages never overlap.
    private static let newestFirst = "created_at DESC, case_number DESC"

    private static func visible(to person: AuthenticatedUser) -> [SQLQueryString] {
        let own: SQLQueryString = "applicant_id = \(bind: person.id)"
        let submitted: SQLQueryString = "state <> \(bind: CaseState.draft.rawValue)"
        switch person.role {
        case .departmentHead:
            guard let department = person.departmentCode else { return [own] }
            return [
                own,
                "(\(submitted) AND trust_code = \(bind: person.organisation) AND department_code = \(bind: department))",
            ]
        case .divisionDirector, .committeeMember:
            return [own, "(\(submitted) AND trust_code = \(bind: person.organisation))"]
        case .medicalDirector:
            // Two clauses, not one with `OR`: each then reads through its own index (see `listRows`).
            return [
                own,
                "(\(submitted) AND trust_code = \(bind: person.organisation))",
                "(\(submitted) AND patient_trust_code = \(bind: person.organisation))",
            ]
        default:
            return [own]
        }
    }

    /// One clause per state, each an equality: `listRows` reads each through its (…, state, created_at) index in
    /// order and stops at the page's end. With `state IN (a, b)` — or a state listed twice, as both approval
    /// chains list the director's — SQLite chose the (…, created_at) index instead and, for a state with few
    /// cases, read every case of the trust to fill the page (bench/scale: the medical director's to-do).
    private static func waiting(on person: AuthenticatedUser) -> [SQLQueryString] {
        let applicantStates = CaseState.allCases.filter(\.isWithApplicant)
        var clauses: [SQLQueryString] = applicantStates.map {
            "(applicant_id = \(bind: person.id) AND state = \(bind: $0.rawValue))"
        }
        let steps = ApprovalChain.all.values.flatMap(\.steps).filter { $0.role == person.role }
        var seen = Set<String>()
        for step in steps where seen.insert("\(step.scope)|\(step.state.rawValue)").inserted {
            let state: SQLQueryString = "state = \(bind: step.state.rawValue)"
            switch step.scope {
            case .department:
                guard let department = person.departmentCode else { continue }
                clauses.append(
                    """
                    (\(state) AND trust_code = \(bind: person.organisation) \
                    AND department_code = \(bind: department))
                    """)
            case .trust:
                clauses.append("(\(state) AND trust_code = \(bind: person.organisation))")
            case .patientTrust:
                clauses.append("(\(state) AND patient_trust_code = \(bind: person.organisation))")
            }
        }
        return clauses
    }
}
