import Foundation
import Testing

@testable import TilgangDomain

/// The production-site file of the report's appendices C–E, and the dosage-form keywords that match it.
@Suite struct ProductionSiteCSVTests {
    static let header = ProductionSiteCSV.columns.joined(separator: ",")

    static var shippedFile: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/TilgangApp/Resources/production-sites-2020.csv")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func theReportsSitesAllRead() throws {
        let sites = try ProductionSiteCSV.parse(try Self.shippedFile)
        #expect(sites.count == 18)
        let bergen = try #require(sites.first { $0.name == "SAV Bergen" })
        #expect(
            bergen.kind == .hospitalPharmacy && bergen.licence == .pharmacyAct && bergen.sterile && bergen.nonSterile)
        #expect(bergen.dosageFormClasses.isSuperset(of: [.injection, .infusion, .eyeDrops, .capsule, .cutaneous]))
        // quoted fields keep their commas
        #expect(bergen.capacityNote.hasPrefix(">20000 sterile and >5000 non-sterile products a year; can at least"))
        let ge = try #require(sites.first { $0.name == "GE Healthcare" })
        #expect(ge.locations == ["Oslo", "Lindesnes"] && ge.spareCapacity == .some)
        #expect(sites.first { $0.name == "Thermo Fisher" }?.licence == ProductionSite.Licence.none)
        #expect(sites.first { $0.name == "Institutt for energiteknikk (IFE)" }?.spareCapacity == .unknown)
    }

    @Test func theFirstBadRowIsNamedByLineAndColumn() {
        let text = """
            \(Self.header)
            A,Org,Oslo,industry,medicines_act,yes,no,vials,,,some
            B,Org,Oslo,industry,apotekloven,yes,no,vials,,,some
            C,Org,Oslo,factory,medicines_act,yes,no,vials,,,some
            """
        #expect(
            throws: ValidationFailure(
                field: "line 3", message: "licence: bruk pharmacy_act, medicines_act eller none, ikke «apotekloven»")
        ) { try ProductionSiteCSV.parse(text) }
    }

    @Test func aQuotedFieldOverSeveralLinesKeepsTheLineCount() {
        let text =
            "\(Self.header)\nA,Org,Oslo,industry,medicines_act,yes,no,vials,\"two\nlines\",,some\n"
            + "B,Org,Oslo,industry,medicines_act,maybe,no,vials,,,some\n"
        #expect(throws: ValidationFailure(field: "line 4", message: "sterile: bruk yes eller no, ikke «maybe»")) {
            try ProductionSiteCSV.parse(text)
        }
    }

    @Test func wrongHeaderShortRowsDuplicatesAndOpenQuotesAreRefused() {
        #expect(throws: ValidationFailure.self) { try ProductionSiteCSV.parse("site,organisation\nA,B\n") }
        #expect(throws: ValidationFailure(field: "line 2", message: "row: har 3 felt, forventet 11")) {
            try ProductionSiteCSV.parse("\(Self.header)\nA,B,C\n")
        }
        let twice = "\(Self.header)\nA,O,,industry,none,yes,no,vials,,,\na,O,,industry,none,yes,no,vials,,,\n"
        #expect(throws: ValidationFailure(field: "line 3", message: "site: «a» står to ganger")) {
            try ProductionSiteCSV.parse(twice)
        }
        #expect(throws: ValidationFailure(field: "line 2", message: "anførselstegnet lukkes aldri")) {
            try ProductionSiteCSV.parse("\(Self.header)\n\"A,O\n")
        }
        #expect(
            throws: ValidationFailure(
                field: "line 2", message: "sterile: stedet må lage sterile eller ikke-sterile produkter")
        ) {
            try ProductionSiteCSV.parse("\(Self.header)\nA,O,,industry,none,no,no,vials,,,\n")
        }
    }

    @Test func dosageFormsMapInBothLanguages() {
        #expect(DosageFormClass.classes(in: "konsentrat til infusjonsvæske") == [.infusion])
        #expect(DosageFormClass.classes(in: "injeksjonsvæske, penn") == [.injection])
        #expect(DosageFormClass.classes(in: "sterile solutions for injection") == [.injection])
        #expect(DosageFormClass.classes(in: "film-coated tablets") == [.tablet])
        #expect(DosageFormClass.classes(in: "Tabletter") == [.tablet])
        #expect(DosageFormClass.classes(in: "oral mixtures") == [.oralLiquid])
        #expect(DosageFormClass.classes(in: "urtete").isEmpty)
        #expect(
            DosageFormClass.injection.requiresSterileProduction && !DosageFormClass.tablet.requiresSterileProduction)
    }
}
