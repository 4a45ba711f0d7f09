import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    /// The FEST write path of issue 20 on a real database (SQLite, or PostgreSQL with `DATABASE_URL`): multi-row
    /// upserts across statement chunks, the content hash a re-import compares instead of the stored records, the
    /// hash filled for records stored before it existed, and a record taken over from a catalogue file.
    @Suite struct FESTWriteTests {
        static let release = "FEST 2026-12-01T03:00:00"
        static let nextRelease = "FEST 2026-12-15T03:00:00"

        /// A synthetic record with Norwegian letters in its texts, so the hash and the binds see more than ASCII.
        static func record(_ number: Int, release: String = release, name: String? = nil) -> Medicine {
            Medicine(
                id: "ID_TEST-\(TextFormat.zeroPadded(number, width: 6))",
                name: name ?? "Blåbærekstrakt «særlig» \(number) mg", substance: "ærfuglolje nr. \(number)",
                atc: "A0\(number % 10)XX\(TextFormat.zeroPadded(number % 100, width: 2))", form: "mikstur",
                productNumber: number % 3 == 0 ? nil : TextFormat.zeroPadded(number, width: 6),
                norwegianAuthorisation: number % 5 == 0 ? .none : .authorised, marketed: number % 2 == 0,
                hospitalFinanced: number % 7 == 0,
                bluePrescriptionIndications: number % 4 == 0 ? ["G47.0", "K50"] : [],
                exemptionApplicationType: number % 5 == 0 ? .pharmacyDecides : nil, source: release)
        }

        static func mapping(_ medicines: [Medicine], release: String = release) -> FESTCatalogue.Mapping {
            FESTCatalogue.Mapping(release: release, medicines: medicines, expired: [])
        }

        static func stored(_ app: Application) async throws -> [String: Medicine] {
            Dictionary(
                uniqueKeysWithValues: try await MedicineModel.query(on: app.db).all().map {
                    ($0.catalogueID, try $0.medicine)
                })
        }

        static func hashes(_ app: Application) async throws -> [String: String?] {
            Dictionary(
                uniqueKeysWithValues: try await MedicineModel.query(on: app.db).all().map {
                    ($0.catalogueID, $0.festHash)
                })
        }

        @Test func aLargeReleaseIsWrittenAcrossStatementsAndReimportedFromHashesAlone() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given: more records than one statement takes (27 binds a row, 1 213 rows a statement)
                let count = 2 * FESTCatalogueWriter(sql: app.db as! any SQLDatabase).rowsPerStatement + 17
                let records = (1...count).map { Self.record($0) }
                // when
                let first = try await app.festImport.store(Self.mapping(records))
                // then: every record as mapped, with the hash of its content
                #expect(first == FESTImportResult(release: Self.release, added: count))
                let stored = try await Self.stored(app)
                for record in records { #expect(stored[record.id!] == record) }
                let hashes = try await Self.hashes(app)
                for record in records { #expect(hashes[record.id!] == MedicineContentHash.of(record)) }
                #expect(try await app.catalogue.medicine(id: "mabthera-500mg") != nil, "the demo catalogue stays")
                // when: the next release changes two, expires one and drops three
                var next = records.map { record -> Medicine in
                    var record = record
                    record.source = Self.nextRelease
                    return record
                }
                next[10].name = "Blåbærekstrakt endret"
                next[count - 1].bluePrescriptionIndications = ["E11"]
                next[20].retiredIn = Self.nextRelease
                let dropped = next.suffix(from: 1_500).prefix(3).map { $0.id! }
                next.removeAll { dropped.contains($0.id!) }
                let second = try await app.festImport.store(Self.mapping(next, release: Self.nextRelease))
                // then
                #expect(
                    second
                        == FESTImportResult(
                            release: Self.nextRelease, changed: 2, unchanged: count - 6, retired: 4))
                let after = try await Self.stored(app)
                #expect(after[next[10].id!]?.name == "Blåbærekstrakt endret")
                #expect(after[next[10].id!]?.source == Self.nextRelease)
                #expect(after[next[11].id!]?.source == Self.release, "unchanged keeps its release")
                #expect(after[next[20].id!]?.retiredIn == Self.nextRelease)
                for id in dropped { #expect(after[id]?.retiredIn == Self.nextRelease, "kept, not deleted") }
                // and the same release again changes nothing
                let again = try await app.festImport.store(Self.mapping(next, release: Self.nextRelease))
                #expect(again == FESTImportResult(release: Self.nextRelease, unchanged: count - 3))
            }
        }

        @Test func recordsStoredBeforeTheHashAreFilledByTheMigrationAndFoundUnchanged() async throws {
            try await withTilgangApp { app in
                let records = (1...40).map { Self.record($0) }
                _ = try await app.festImport.store(Self.mapping(records))
                let sql = app.db as! any SQLDatabase
                // given: the records as a database from before the hash holds them
                try await sql.update(MedicineModel.schema).set("fest_hash", to: SQLLiteral.null).run()
                // when: the migration's fill, in pages smaller than the records
                try await AddFESTContentHash.fill(on: sql)
                // then: the hashes are those of their content, and a re-import finds nothing changed
                let hashes = try await Self.hashes(app)
                for record in records { #expect(hashes[record.id!] == MedicineContentHash.of(record)) }
                let again = try await app.festImport.store(Self.mapping(records))
                #expect(again == FESTImportResult(release: Self.release, unchanged: 40))
            }
        }

        @Test func aRecordWithoutItsHashIsRewrittenWithTheReleasesContent() async throws {
            try await withTilgangApp { app in
                let records = (1...5).map { Self.record($0) }
                _ = try await app.festImport.store(Self.mapping(records))
                // given: one record written by something other than FEST (no hash), with other content
                let model = try #require(
                    try await MedicineModel.query(on: app.db).filter(\.$catalogueID == records[2].id!).first())
                var edited = try model.medicine
                edited.name = "Ændret utenom FEST"
                model.apply(edited)
                try await model.update(on: app.db)
                #expect(try await Self.hashes(app)[records[2].id!] == .some(nil))
                // when: the same release again
                let again = try await app.festImport.store(Self.mapping(records))
                // then: that record is rewritten, the others are left alone
                #expect(again == FESTImportResult(release: Self.release, changed: 1, unchanged: 4))
                #expect(try await Self.stored(app)[records[2].id!] == records[2])
            }
        }

        @Test func aReleaseCarryingACatalogueFilesIdIsRefusedWithNothingChanged() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given: the demo catalogue's MabThera, from the catalogue file
                let before = try await Self.stored(app)
                // when: a release carries a product with the same id, besides a new one
                var record = Self.record(1)
                record.id = "mabthera-500mg"
                await #expect(throws: ValidationFailure.self) {
                    _ = try await app.festImport.store(Self.mapping([Self.record(2), record]))
                }
                // then: a FEST import never touches the catalogue file's records, and keeps nothing of the release
                #expect(try await Self.stored(app) == before)
            }
        }

        @Test func aReleaseNamingAnIdTwiceChangesNothing() async throws {
            try await withTilgangApp { app in
                let records = (1...5).map { Self.record($0) }
                _ = try await app.festImport.store(Self.mapping(records))
                let before = try await Self.stored(app)
                // when: a release with one id twice and another record changed
                var next = records + [Self.record(3, name: "Dobbel")]
                next[0].name = "Endret"
                await #expect(throws: ValidationFailure.self) {
                    _ = try await app.festImport.store(Self.mapping(next, release: Self.nextRelease))
                }
                // then
                #expect(try await Self.stored(app) == before)
            }
        }

        @Test func retirementsAreChunkedToTheBindLimit() async throws {
            try await withTilgangApp { app in
                let records = (1...100).map { Self.record($0) }
                _ = try await app.festImport.store(Self.mapping(records))
                // when: the writer retires them 8 ids a statement, and upserts them 1 row a statement
                let ids = records.map { $0.id! }
                try await app.db.writeTransaction { db in
                    let writer = FESTCatalogueWriter(sql: db as! any SQLDatabase, maximumBinds: 10)
                    try await writer.retire(ids, in: Self.nextRelease, at: Date())
                    try await writer.upsert(
                        [FESTWrite(medicine: Self.record(101), hash: MedicineContentHash.of(Self.record(101)))],
                        at: Date())
                }
                // then
                let stored = try await Self.stored(app)
                #expect(ids.allSatisfy { stored[$0]?.retiredIn == Self.nextRelease })
                #expect(stored[Self.record(101).id!] == Self.record(101))
            }
        }
    }
}
