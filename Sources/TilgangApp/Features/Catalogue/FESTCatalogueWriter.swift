import Foundation
import SQLKit
import TilgangDomain

/// Writes a FEST release's records with multi-row parameterised statements through SQLKit (issue 20), the same SQL
/// on SQLite and PostgreSQL, instead of one Fluent model per record.
///
/// New and changed records go in one `INSERT … ON CONFLICT (catalogue_id) DO UPDATE` per chunk: the columns FEST
/// sets, the required ones it leaves at their defaults, and its content hash. The optional columns FEST never sets
/// are left out of a new row and cleared on an update, so a row is exactly the mapped record either way.
struct FESTCatalogueWriter {
    let sql: any SQLDatabase
    /// Bound parameters per statement (smaller in tests, to cross chunk boundaries with few records).
    var maximumBinds = Self.bindLimit

    /// SQLite's default `SQLITE_MAX_VARIABLE_NUMBER` (32 766 since 3.32), below PostgreSQL's 65 535.
    static let bindLimit = 32_766

    /// The bound columns, in the order of `binds`. `id` and `created_at` are written only by a new row.
    static let columns = [
        "id", "created_at", "updated_at", "catalogue_id", "name", "substance", "atc", "form", "product_number",
        "norwegian_authorisation", "marketed", "deregistered_on", "hospital_financed",
        "blue_prescription_indications", "exemption_application_type", "source", "retired_in", "search_text",
        "fest_hash",
        // Required, and at their defaults in every FEST record.
        "approved_indications", "foreign_authorisations", "negative_list", "nye_metoder", "national_cu_list",
        "cu_programme", "national_standard_agreement", "early_phase",
    ]
    /// Optional columns a FEST record never has.
    static let unsetColumns = [
        "strength", "thc_percent", "replaced_by_marketed_product_on", "agreement_annexes", "supplying_pharmacy",
    ]

    var rowsPerStatement: Int { max(1, maximumBinds / Self.columns.count) }

    /// Inserts or overwrites each record by its FEST id.
    func upsert(_ records: [FESTWrite], at now: Date) async throws {
        var start = 0
        while start < records.count {
            let end = min(start + rowsPerStatement, records.count)
            let insert = sql.insert(into: MedicineModel.schema).columns(Self.columns)
            for record in records[start..<end] { _ = insert.values(Self.binds(record, at: now)) }
            try await insert.onConflict(with: ["catalogue_id"]) { update in
                for column in Self.columns.dropFirst(2) { _ = update.set(excludedValueOf: column) }
                for column in Self.unsetColumns { _ = update.set(column, to: SQLLiteral.null) }
                return update
            }.run()
            start = end
        }
    }

    /// Marks the records retired in `release`, chunked to the bind limit.
    func retire(_ ids: [String], in release: String, at now: Date) async throws {
        var start = 0
        while start < ids.count {
            let end = min(start + max(1, maximumBinds - 2), ids.count)
            try await sql.update(MedicineModel.schema)
                .set("retired_in", to: release)
                .set("updated_at", to: now)
                .where("catalogue_id", .in, Array(ids[start..<end]))
                .run()
            start = end
        }
    }

    /// The row's values in the order of `columns`; an absent one as `NULL` rather than a bound nil.
    static func binds(_ record: FESTWrite, at now: Date) -> [any SQLExpression] {
        let m = record.medicine
        func nullable(_ value: (some Encodable & Sendable)?) -> any SQLExpression {
            value.map { SQLBind($0) } ?? SQLLiteral.null
        }
        return [
            SQLBind(UUID()), SQLBind(now), SQLBind(now), SQLBind(m.id ?? ""), SQLBind(m.name), SQLBind(m.substance),
            SQLBind(m.atc), nullable(m.form), nullable(m.productNumber), SQLBind(m.norwegianAuthorisation.rawValue),
            nullable(m.marketed), nullable(m.deregisteredOn?.iso), SQLBind(m.hospitalFinanced),
            SQLBind(m.bluePrescriptionIndications), nullable(m.exemptionApplicationType?.rawValue), nullable(m.source),
            nullable(m.retiredIn), SQLBind(MedicineSearchText.of(m)), SQLBind(record.hash),
            SQLBind(m.approvedIndications), SQLBind(m.foreignAuthorisations), SQLBind(m.negativeList),
            SQLBind(m.nyeMetoder.rawValue), SQLBind(m.nationalCompassionateUseList),
            SQLBind(m.compassionateUseProgramme.rawValue), SQLBind(m.nationalStandardAgreement.rawValue),
            SQLBind(m.earlyPhase),
        ]
    }
}
