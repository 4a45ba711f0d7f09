import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    /// Importing FEST into the catalogue on a real database (issue 8): the fixtures give the expected catalogue,
    /// a re-import changes nothing, a newer release updates and retires, a truncated file changes nothing, and the
    /// route engine answers for FEST ids.
    @Suite struct FESTImportTests {
        static func fixture(_ name: String) -> String {
            Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/fest/\(name)").path
        }

        static let day = CalendarDate(year: 2026, month: 11, day: 25)!

        static func load(_ app: Application, _ name: String) async throws -> FESTImportResult {
            let release = try FESTImportService.read(fixture(name))
            return try await app.festImport.store(FESTCatalogue.map(release, on: day))
        }

        static func snapshot(_ app: Application) async throws -> [String: Medicine] {
            Dictionary(
                uniqueKeysWithValues: try await MedicineModel.query(on: app.db).all().map {
                    ($0.catalogueID, try $0.medicine)
                })
        }

        @Test func releasesImportIdempotentlyUpdateAndRetire() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given / when: the first release, twice
                let first = try await Self.load(app, "fest-release-1.xml")
                #expect(first == FESTImportResult(release: "FEST 2026-11-01T03:00:00", added: 7))
                let again = try await Self.load(app, "fest-release-1.xml")
                #expect(again == FESTImportResult(release: "FEST 2026-11-01T03:00:00", unchanged: 7))
                let melatonin = try #require(try await app.catalogue.medicine(id: FESTIDs.melatonin))
                #expect(melatonin.norwegianAuthorisation == NorwegianAuthorisation.none)
                #expect(melatonin.exemptionApplicationType == .pharmacyDecides)
                #expect(try await app.catalogue.medicine(id: "mabthera-500mg") != nil, "the demo catalogue stays")
                // then: the newer release changes one, adds one, retires the expired and the vanished
                let second = try await Self.load(app, "fest-release-2.xml")
                #expect(
                    second
                        == FESTImportResult(
                            release: "FEST 2026-11-15T03:00:00", added: 1, changed: 1, unchanged: 4, retired: 2))
                let records = try await Self.snapshot(app)
                #expect(records[FESTIDs.melatonin]?.name == "Circadin uregistrert depottab 2 mg")
                #expect(records[FESTIDs.melatonin]?.source == "FEST 2026-11-15T03:00:00")
                #expect(
                    records[FESTIDs.paracet]?.source == "FEST 2026-11-01T03:00:00",
                    "unchanged keeps its release")
                #expect(records[FESTIDs.fenobarbital]?.retiredIn == "FEST 2026-11-15T03:00:00")
                #expect(
                    records[FESTIDs.digitalis]?.retiredIn == "FEST 2026-11-15T03:00:00", "kept, not deleted")
                // retired records are not offered for new cases, but can still be read by id
                let search = try await app.catalogue.search("uregistrert mikst", limit: 10)
                #expect(search.isEmpty)
                #expect(try await app.catalogue.medicine(id: FESTIDs.fenobarbital) != nil)
                // the newer release again: nothing changes
                let repeated = try await Self.load(app, "fest-release-2.xml")
                #expect(repeated == FESTImportResult(release: "FEST 2026-11-15T03:00:00", unchanged: 7))
            }
        }

        @Test func aTruncatedFileChangesNothingAndNamesTheLine() async throws {
            try await withTilgangApp(demoData: true) { app in
                _ = try await Self.load(app, "fest-release-1.xml")
                let before = try await Self.snapshot(app)
                // given: the newer release cut after its first package
                let text = try String(contentsOfFile: Self.fixture("fest-release-2.xml"), encoding: .utf8)
                let end = try #require(text.range(of: "</m30:OppfLegemiddelpakning>")).upperBound
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("fest-cut-\(UUID()).xml").path
                try String(text[..<end]).write(toFile: path, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: path) }
                // when / then
                #expect(throws: XMLReadError.self) { try FESTImportService.read(path) }
                #expect(try await Self.snapshot(app) == before)
            }
        }

        @Test func theRouteEngineAnswersForFESTIds() async throws {
            try await withTilgangApp(demoData: true) { app in
                _ = try await Self.load(app, "fest-release-1.xml")
                func route(_ id: String, _ indication: String, covered: Bool? = nil) async throws -> [String: Any] {
                    var body: [String: Any] = [
                        "medicineId": id, "indication": indication, "date": "2026-11-25",
                        "patient": ["species": "human", "informedConsent": true],
                        "applicant": ["kind": "hospital_specialist", "setting": "hospital"],
                    ]
                    if let covered { body["indicationCovered"] = covered }
                    var decision: [String: Any] = [:]
                    try await app.testing().test(
                        .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"],
                        body: try Fixtures.json(body)
                    ) { res in
                        #expect(res.status == .ok, "\(id): \(res.body.string)")
                        decision =
                            (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)))
                            as? [String: Any] ?? [:]
                    }
                    return decision
                }
                #expect(
                    try await route(FESTIDs.melatonin, "G47.0")["route"] as? String
                        == "exemption_notification")
                #expect(
                    try await route(FESTIDs.fenobarbital, "G40.9")["route"] as? String == "exemption_agency")
                #expect(
                    try await route(FESTIDs.paracet, "R52", covered: true)["route"] as? String == "on_label")
            }
        }
    }
}

/// The FEST ids of the fixture products.
enum FESTIDs {
    static let paracet = "ID_491E7F6C-0001-4AAA-9001-000000000001"
    static let melatonin = "ID_491E7F6C-0002-4AAA-9001-000000000002"
    static let fenobarbital = "ID_491E7F6C-0003-4AAA-9001-000000000003"
    static let digitalis = "ID_491E7F6C-0004-4AAA-9001-000000000004"
}

extension DatabaseTests.FESTImportTests {
    /// Security review finding 12: a well-formed release that would retire the catalogue is refused unless forced.
    @Test func aReleaseThatRetiresEverythingIsRefusedUnlessForced() async throws {
        try await withTilgangApp(demoData: true) { app in
            // given: the first release
            _ = try await Self.load(app, "fest-release-1.xml")
            let empty = FESTCatalogue.Mapping(release: "FEST 2026-12-01T03:00:00", medicines: [], expired: [])
            // when: a release with no products
            await #expect(throws: ValidationFailure.self) { _ = try await app.festImport.store(empty) }
            // then: nothing retired
            #expect(try await Self.snapshot(app).values.allSatisfy { $0.retiredIn == nil || $0.source == nil })
            let active = try await Self.snapshot(app).values.filter { $0.source != nil && $0.retiredIn == nil }
            #expect(active.count == 7)
            // and forced, it goes through
            let forced = try await app.festImport.store(empty, force: true)
            #expect(forced.retired == 7)
        }
    }
}
