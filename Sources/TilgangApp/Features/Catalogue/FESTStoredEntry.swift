import SQLKit
import TilgangPersistence

/// What a FEST import reads of a stored record (issue 20): its id, content hash, retirement and whether it came
/// from FEST, not the record.
struct FESTStoredEntry: Sendable {
    let hash: String?
    let retiredIn: String?
    /// From a FEST release; otherwise from a catalogue file, which a FEST import never touches.
    let fromFEST: Bool

    /// Every catalogue record, by catalogue id.
    static func all(on sql: any SQLDatabase) async throws -> [String: FESTStoredEntry] {
        let rows = try await sql.resultRows(
            "SELECT catalogue_id, fest_hash, retired_in, source FROM medicines" as SQLQueryString)
        var entries: [String: FESTStoredEntry] = [:]
        entries.reserveCapacity(rows.count)
        for row in rows {
            let source: String? = try row.value("source")
            entries[try row.value("catalogue_id", as: String.self)] = FESTStoredEntry(
                hash: try row.value("fest_hash"), retiredIn: try row.value("retired_in"),
                fromFEST: source?.hasPrefix("FEST ") == true)
        }
        return entries
    }
}
