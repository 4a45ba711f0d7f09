import Fluent
import Foundation
import SQLKit
import TilgangDomain

/// The desk's lists as pages read in the database. Ten years of national volume are 2.6 million exemptions
/// (bench/scale): reading them all for each page, as `list` does for the CSV export, took seconds. Access, the
/// list and the filters go into the query; a page is cut there, newest first, or for the queue (`todo`) in queue
/// order: a deadline is a fixed number of working days after the day received, so overdue first and then the
/// nearest deadline is the order received, oldest first (`queueOrder` breaks ties the same way). What SQL cannot
/// match exactly (free text beyond plain ASCII, received dates as Oslo days, overdue) is matched here as before,
/// on a superset the query narrows down, and the page is cut here.
extension ExemptionService {
    func page(
        _ list: DeskList, matching filter: ExemptionQueueFilter, for user: AuthenticatedUser, today: CalendarDate
    ) async throws -> [ExemptionSummaryDTO] {
        let dated = filter.receivedFrom != nil || filter.receivedTo != nil
        let exactText = filter.text.map(Self.matchesExactlyInSQL) ?? true
        let pagedInSQL = exactText && !dated && !filter.overdueOnly
        let oldestFirst = list == .todo
        // The queue's states each get their own branch too: with `state IN (…)` and the oldest first, SQLite read
        // the whole table from its oldest (decided) rows up to find the few open ones (bench/scale).
        let states: [String?] = list == .todo && filter.state == nil ? Self.queueStates(user).map { $0 } : [nil]
        let branches = Self.accessBranches(user).flatMap { access in states.map { (access, $0) } }
        guard let sql = database as? any SQLDatabase else { throw CaseError.notFound }
        // With a branch per queue state, the list's `state IN (…)` is what the branches' states are together; left
        // in each branch, it kept PostgreSQL from reading the state's index in order (it read every open case of
        // the state and sorted them: bench/scale's queue at 1.54× on ten years).
        let narrowing = Self.narrowing(states.count > 1 ? .all : list, filter, user, exactText: exactText)
        let direction = oldestFirst ? "ASC" : "DESC"
        func branchQuery(_ access: [SQLQueryString], _ state: String?) -> SQLQueryString {
            var conditions = access + narrowing
            if let state { conditions.append("state = \(bind: state)") }
            var query: SQLQueryString = "SELECT \(unsafeRaw: ExemptionListRow.columns) FROM exemptions"
            if !conditions.isEmpty { query += " WHERE " + conditions.joined(separator: " AND ") }
            query += " ORDER BY created_at \(unsafeRaw: direction), reference \(unsafeRaw: direction)"
            return query
        }
        var listed: [ExemptionListRow]
        if pagedInSQL, branches.count > 1 {
            // The database merges the branches (a row two branches find once) and cuts the page: a hundred rows
            // decoded, none sorted here.
            var query = PagedUnion.of(branches.map { branchQuery($0.0, $0.1) }, window: filter.offset + filter.limit)
            query += """
                 ORDER BY created_at \(unsafeRaw: direction), reference \(unsafeRaw: direction) \
                LIMIT \(unsafeRaw: String(filter.limit)) OFFSET \(unsafeRaw: String(filter.offset))
                """
            listed = try await sql.resultRows(query).map(ExemptionListRow.init(row:))
        } else {
            // One branch paged in SQL, or branches whose rows are all read and matched here.
            var found: [UUID: ExemptionListRow] = [:]
            for (access, state) in branches {
                var query = branchQuery(access, state)
                if pagedInSQL {
                    query += " LIMIT \(unsafeRaw: String(filter.limit)) OFFSET \(unsafeRaw: String(filter.offset))"
                }
                for row in try await sql.resultRows(query) {
                    let listed = try ExemptionListRow(row: row)
                    found[listed.id] = listed
                }
            }
            listed = found.values.sorted { a, b in
                let (x, y) = (a.createdAt ?? .distantPast, b.createdAt ?? .distantPast)
                let newer = x != y ? x > y : a.reference > b.reference
                return oldestFirst ? !newer : newer
            }
        }
        let rows = listed.filter { ExemptionAccess.mayRead($0, user) }.map { Self.summary($0, today: today) }
        if pagedInSQL { return rows.filter(filter.matches) }
        return filter.page(list == .todo ? Self.queueOrder(rows, today: today) : rows)
    }

    /// Who may read which exemptions (ExemptionAccess), one query branch per rule: a pharmacy's own and its
    /// notifications are two, each read newest first through its own index and merged (`page`). One query with `OR`
    /// made SQLite read and sort all of the pharmacy's notifications (hundreds of thousands) for every page.
    static func accessBranches(_ user: AuthenticatedUser) -> [[SQLQueryString]] {
        switch user.role {
        case .agencyOfficer: return [[]]
        case .hospitalPharmacist:
            return [
                ["submitted_by_id = \(bind: user.id)"],
                [
                    "kind = \(bind: ExemptionKind.notification.rawValue)",
                    "submitted_by_organisation = \(bind: user.organisation)",
                ],
            ]
        default: return [["submitted_by_id = \(bind: user.id)"]]
        }
    }

    /// The list and the filters SQL can apply (a superset where it cannot be exact; `matches` finishes).
    private static func narrowing(
        _ list: DeskList, _ filter: ExemptionQueueFilter, _ user: AuthenticatedUser, exactText: Bool
    ) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        switch list {
        case .all: break
        case .decided: conditions.append("state IN (\(binds: Self.decidedStates.map(\.rawValue)))")
        case .todo: conditions.append("state IN (\(binds: Self.queueStates(user)))")
        }
        if let state = filter.state { conditions.append("state = \(bind: state.rawValue)") }
        if filter.overdueOnly {
            conditions.append("state IN (\(binds: ExemptionState.allCases.filter(\.isOpen).map(\.rawValue)))")
        }
        if filter.receivedFrom != nil || filter.receivedTo != nil {
            // Received on is an Oslo day; the UTC bounds a day wider on each side hold every such day.
            conditions.append("kind = \(bind: ExemptionKind.agencyApplication.rawValue)")
            if let from = filter.receivedFrom {
                conditions.append("created_at >= \(bind: Self.utcMidnight(from, addingDays: -1))")
            }
            if let to = filter.receivedTo {
                conditions.append("created_at < \(bind: Self.utcMidnight(to, addingDays: 2))")
            }
        }
        if let text = filter.text, exactText {
            // `text` is lower-cased plain ASCII without wildcards (`matchesExactlyInSQL`): lower() then matches as
            // the search does on SQLite and PostgreSQL alike, as the case lists' search does (CaseStore).
            let pattern = "%\(text)%"
            conditions.append(
                "(lower(reference) LIKE \(bind: pattern) OR lower(prescriber_name) LIKE \(bind: pattern) "
                    + "OR lower(medicine_name) LIKE \(bind: pattern))")
        }
        return conditions
    }

    /// The states of the to-do list: the desk's open cases, or the applicant's refusals open to appeal.
    static func queueStates(_ user: AuthenticatedUser) -> [String] {
        user.role == .agencyOfficer
            ? ExemptionState.allCases.filter(\.isOpen).map(\.rawValue) : [ExemptionState.refused.rawValue]
    }

    static let decidedStates: [ExemptionState] = [.approved, .refused, .appealAllowed, .appealDismissed, .notified]

    /// The desk's queue: overdue first, then the nearest deadline, then the order received (oldest first).
    static func queueOrder(_ rows: [ExemptionSummaryDTO], today: CalendarDate) -> [ExemptionSummaryDTO] {
        rows.sorted { a, b in
            if a.overdue != b.overdue { return a.overdue }
            let (x, y) = (a.deadline ?? today, b.deadline ?? today)
            if x != y { return x < y }
            let (p, q) = (a.createdAt ?? .distantPast, b.createdAt ?? .distantPast)
            return p != q ? p < q : a.reference < b.reference
        }
    }

    /// `lower(…) LIKE` finds exactly what the lower-cased
    /// search finds when the text is plain ASCII without wildcards or spaces (the search also matches across the
    /// joined fields, which a space could span).
    static func matchesExactlyInSQL(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII && $0 != "%" && $0 != "_" && $0 != " " && $0 != "\\" }
    }

    static func utcMidnight(_ day: CalendarDate, addingDays days: Int) -> Date {
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber ?? 0
        return Date(timeIntervalSince1970: Double(day.dayNumber + days - epoch) * 86_400)
    }

    /// The year's figures, as kept on write (`ExemptionYearCounts`).
    func countRows(year: Int) async throws -> [(kind: String, state: String, count: Int)] {
        guard let sql = database as? any SQLDatabase else { throw CaseError.notFound }
        // Both species together, as the desk counts them.
        var counts: [String: (kind: String, state: String, count: Int)] = [:]
        for row in try await ExemptionYearCounts(sql: sql).rows(year: year) {
            counts["\(row.kind)|\(row.state)", default: (row.kind, row.state, 0)].count += row.count
        }
        return Array(counts.values)
    }
}
