import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// The Fluent implementation; the same queries run on SQLite and PostgreSQL. With a `cache`, lookups by id may
/// be up to `CatalogueCache.lifetime` old and imports clear it; without one (case writes), every read is fresh.
struct FluentCatalogueService: CatalogueService {
    let database: any Database
    var cache: CatalogueCache? = nil

    func search(_ query: String?, limit: Int) async throws -> [Medicine] {
        // Retired FEST entries stay for the cases that name them, but are not offered for new ones.
        let builder = MedicineModel.query(on: database).filter(\.$retiredIn == nil).sort(\.$name)
            .sort(\.$catalogueID).limit(limit)
        let needle = (query ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !needle.isEmpty { builder.filter(\.$searchText ~~ needle) }
        return try await builder.all().map { try $0.medicine }
    }

    func medicine(id: String) async throws -> Medicine? {
        guard let cache else { return try await stored(id: id) }
        return try await cache.medicine(id: id) { try await stored(id: id) }
    }

    /// Plain SQL: every route decision and case page looks a medicine up.
    private func stored(id: String) async throws -> Medicine? {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        return try await sql.raw(
            "SELECT \(unsafeRaw: MedicineRow.columns) FROM medicines WHERE catalogue_id = \(bind: id)"
        ).first(decoding: MedicineRow.self)?.medicine
    }

    func importDocument(_ document: CatalogueDocument) async throws -> CatalogueImportResult {
        defer { cache?.removeAll() }
        return try await database.writeTransaction { transaction in
            var result = CatalogueImportResult()
            let existing = try await MedicineModel.query(on: transaction).all()
            let byID = Dictionary(existing.map { ($0.catalogueID, $0) }, uniquingKeysWith: { first, _ in first })
            for medicine in document.medicines {
                if let model = byID[medicine.id ?? ""] {
                    if try model.medicine == medicine {
                        result.unchanged += 1
                        continue
                    }
                    model.apply(medicine)
                    try await model.update(on: transaction)
                    result.updated += 1
                } else {
                    try await MedicineModel(medicine).create(on: transaction)
                    result.created += 1
                }
            }
            return result
        }
    }

    func count() async throws -> Int {
        try await MedicineModel.query(on: database).count()
    }
}
