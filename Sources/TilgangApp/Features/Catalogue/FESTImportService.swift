import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Loads FEST, the agency's national catalogue (issue 8): streams the XML through `FESTReader` (memory independent
/// of the file's size), checks all of it, maps it with `FESTCatalogue`, then upserts in one transaction. A
/// malformed file changes nothing.
struct FESTImportService {
    let database: any Database
    /// Cleared when an import has committed.
    var cache: CatalogueCache? = nil

    /// Reads the whole file (`.gz` through `gzip -dc`), reporting bytes read; any fault names element and line.
    static func read(_ path: String, progress: (Int) -> Void = { _ in }) throws -> FESTRelease {
        var reader = FESTReader()
        let file = try ChunkedFile(path, what: "FEST-filen")
        while let data = try file.next() {
            try reader.feed(data)
            progress(reader.bytesRead)
        }
        let release = try reader.finish()
        try file.close()
        return release
    }

    /// A release may retire at most this share of the active FEST entries (and never all of them) unless the import
    /// is forced: a truncated or mistaken file that is still well-formed (no products at all) would otherwise
    /// retire the whole catalogue. Below `retiredFloor` entries the share is not applied, so a small catalogue's
    /// ordinary release is not refused.
    static let maximumRetiredShare = 0.2
    static let retiredFloor = 100

    /// Upserts the release's records by FEST id in one transaction. A record keeps the release in which its content
    /// last changed, so re-importing a release is idempotent; records expired (U) or gone from the release are
    /// retired, never deleted, because cases point at them. Refused, with nothing changed, when it would retire
    /// more than `maximumRetiredShare` of the active entries and `force` is not set.
    ///
    /// Only the stored records' ids, content hashes and retirements are read (`FESTImportPlan`), and only new and
    /// changed records are written (`FESTCatalogueWriter`), so an unchanged release reads and writes little.
    func store(_ mapping: FESTCatalogue.Mapping, force: Bool = false) async throws -> FESTImportResult {
        defer { cache?.removeAll() }
        return try await database.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let plan = try FESTImportPlan(mapping, stored: try await FESTStoredEntry.all(on: sql))
            if !force, plan.retiresTooMany(share: Self.maximumRetiredShare, floor: Self.retiredFloor) {
                throw ValidationFailure(
                    field: "force",
                    message: "utgaven ville gjøre \(plan.retiredActive) av \(plan.active) aktive oppføringer utgått "
                        + "(over \(Int(Self.maximumRetiredShare * 100)) %); kontroller filen, eller importer med --force"
                )
            }
            let writer = FESTCatalogueWriter(sql: sql)
            let now = Date()
            try await writer.upsert(plan.writes, at: now)
            try await writer.retire(plan.vanished, in: mapping.release, at: now)
            return plan.result
        }
    }
}

extension Application {
    var festImport: FESTImportService { FESTImportService(database: db, cache: catalogueCache) }
}

extension Request {
    var festImport: FESTImportService { FESTImportService(database: db, cache: application.catalogueCache) }
}
