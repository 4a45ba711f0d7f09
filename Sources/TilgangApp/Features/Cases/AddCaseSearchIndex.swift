import Fluent
import SQLKit
import Vapor

/// Trigram indexes for the work lists' search (case number, medicine, applicant; `CaseStore.listRows`). Without
/// them a search that matches little read every visible case of ten years (200,000 at national volume;
/// bench/scale) to find that out. SQLite: an FTS5 table with the trigram tokenizer over those columns of
/// `cases`, kept by triggers (external content: the text is not stored twice; the rows are found by `rowid`,
/// which `VACUUM INTO` backups keep). PostgreSQL: `pg_trgm` GIN indexes on the lower-cased columns, which the
/// search's `lower(…) LIKE` uses as they are.
struct AddCaseSearchIndex: AsyncMigration {
    static let sqliteTable = "cases_search"
    static let postgresIndexes: [(name: String, column: String)] = [
        ("cases_number_trgm", "case_number"), ("cases_medicine_trgm", "medicine_name"),
        ("cases_applicant_trgm", "applicant_name"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        if sql.dialect.name == "sqlite" {
            for statement in Self.sqliteStatements { try await sql.raw(SQLQueryString(statement)).run() }
        } else {
            try await SQLIndexes.createTrigram(on: "cases", Self.postgresIndexes, sql: sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        if sql.dialect.name == "sqlite" {
            for trigger in ["insert", "delete", "update"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Self.sqliteTable)_\(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: Self.sqliteTable)").run()
        } else {
            try await SQLIndexes.dropTrigram(Self.postgresIndexes, sql: sql)
        }
    }

    private static let columns = "case_number, medicine_name, applicant_name"
    private static let old = "old.case_number, old.medicine_name, old.applicant_name"
    private static let new = "new.case_number, new.medicine_name, new.applicant_name"

    /// The FTS5 table, its triggers (the `delete` command removes a row's old terms) and the first fill.
    static let sqliteStatements: [String] = {
        let t = sqliteTable
        return [
            """
            CREATE VIRTUAL TABLE \(t) USING fts5(\(columns), content='cases', content_rowid='rowid', \
            tokenize='trigram')
            """,
            """
            CREATE TRIGGER \(t)_insert AFTER INSERT ON cases BEGIN \
            INSERT INTO \(t)(rowid, \(columns)) VALUES (new.rowid, \(new)); END
            """,
            """
            CREATE TRIGGER \(t)_delete AFTER DELETE ON cases BEGIN \
            INSERT INTO \(t)(\(t), rowid, \(columns)) VALUES ('delete', old.rowid, \(old)); END
            """,
            """
            CREATE TRIGGER \(t)_update AFTER UPDATE OF \(columns) ON cases BEGIN \
            INSERT INTO \(t)(\(t), rowid, \(columns)) VALUES ('delete', old.rowid, \(old)); \
            INSERT INTO \(t)(rowid, \(columns)) VALUES (new.rowid, \(new)); END
            """,
            "INSERT INTO \(t)(\(t)) VALUES ('rebuild')",
        ]
    }()
}
