import SQLKit

/// The union of query branches that each hold a page's end: every branch (a `SELECT … ORDER BY …` of its own) is
/// read in order through its own index and stopped after `window` rows, and the caller orders and cuts the union.
/// One query with `OR` made the database collect and sort every matching row for each page (bench/scale). The
/// window is a literal number: a bound `LIMIT` makes SQLite prepare the statement twice (it re-plans for the value).
enum PagedUnion {
    static func of(_ branches: [SQLQueryString], window: Int) -> SQLQueryString {
        branches.enumerated().map { index, branch -> SQLQueryString in
            "SELECT * FROM (\(branch) LIMIT \(unsafeRaw: String(window))) AS branch\(unsafeRaw: String(index))"
        }.joined(separator: " UNION ")
    }
}
