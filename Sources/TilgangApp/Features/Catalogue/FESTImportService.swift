import Fluent
import Foundation
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
    func store(_ mapping: FESTCatalogue.Mapping, force: Bool = false) async throws -> FESTImportResult {
        defer { cache?.removeAll() }
        return try await database.writeTransaction { db in
            var result = FESTImportResult(release: mapping.release)
            // Active entries this release retires; an entry that arrives already expired retires nothing.
            var retiredActive = 0
            let existing = try await MedicineModel.query(on: db).filter(\.$source != nil).all()
                .filter { $0.source?.hasPrefix("FEST ") == true }
            let active = existing.filter { $0.retiredIn == nil }.count
            var byID = Dictionary(existing.map { ($0.catalogueID, $0) }, uniquingKeysWith: { first, _ in first })
            var batch: [MedicineModel] = []
            for medicine in mapping.medicines {
                guard let id = medicine.id else { continue }
                if let model = byID.removeValue(forKey: id) {
                    let stored = try model.medicine
                    let wasRetired = stored.retiredIn != nil
                    var incoming = medicine
                    // A record keeps its retirement release while it stays retired.
                    if wasRetired && incoming.retiredIn != nil { incoming.retiredIn = stored.retiredIn }
                    // Compared without the release: unchanged content keeps the release it came from.
                    incoming.source = stored.source
                    if stored == incoming {
                        result.unchanged += 1
                        continue
                    }
                    if incoming.retiredIn != nil && !wasRetired {
                        result.retired += 1
                        retiredActive += 1
                    } else {
                        result.changed += 1
                    }
                    incoming.source = medicine.source
                    model.apply(incoming)
                    try await model.update(on: db)
                } else {
                    batch.append(MedicineModel(medicine))
                    if medicine.retiredIn != nil { result.retired += 1 } else { result.added += 1 }
                    if batch.count == 500 {
                        try await batch.create(on: db)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { try await batch.create(on: db) }
            // Entries the new release no longer carries.
            for model in byID.values where model.retiredIn == nil {
                model.retiredIn = mapping.release
                try await model.update(on: db)
                result.retired += 1
                retiredActive += 1
            }
            let retiresAll = active > 0 && retiredActive >= active && result.added + result.changed == 0
            let retiresTooMany =
                retiredActive > Self.retiredFloor && Double(retiredActive) > Self.maximumRetiredShare * Double(active)
            if !force, retiresAll || retiresTooMany {
                // Thrown inside the transaction, so nothing of the release is kept.
                throw ValidationFailure(
                    field: "force",
                    message: "utgaven ville gjøre \(retiredActive) av \(active) aktive oppføringer utgått "
                        + "(over \(Int(Self.maximumRetiredShare * 100)) %); kontroller filen, eller importer med --force"
                )
            }
            return result
        }
    }
}

extension Application {
    var festImport: FESTImportService { FESTImportService(database: db, cache: catalogueCache) }
}

extension Request {
    var festImport: FESTImportService { FESTImportService(database: db, cache: application.catalogueCache) }
}
