import Fluent
import SQLKit

/// `medicines.fest_hash` (issue 20): the `MedicineContentHash` a FEST re-import compares per FEST id. Filled here
/// for the FEST records already stored, so the first import after the upgrade finds them unchanged.
struct AddFESTContentHash: AsyncMigration {
    /// Records read and hashed per round, so the fill holds a page of them, not the catalogue.
    static let page = 1_000

    func prepare(on database: any Database) async throws {
        try await database.schema(MedicineModel.schema).field("fest_hash", .string).update()
        try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { return }
            try await Self.fill(on: sql)
        }
    }

    /// Sets `fest_hash` of every stored FEST record from its content, a page of records at a time.
    static func fill(on sql: any SQLDatabase) async throws {
        var after = ""
        while true {
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: MedicineRow.columns) FROM medicines
                WHERE source LIKE 'FEST %' AND catalogue_id > \(bind: after)
                ORDER BY catalogue_id LIMIT \(unsafeRaw: String(page))
                """
            ).all(decoding: MedicineRow.self)
            guard let last = rows.last else { return }
            for row in rows {
                try await sql.update(MedicineModel.schema)
                    .set("fest_hash", to: MedicineContentHash.of(try row.medicine))
                    .where("catalogue_id", .equal, row.catalogueID)
                    .run()
            }
            after = last.catalogueID
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MedicineModel.schema).deleteField("fest_hash").update()
    }
}
