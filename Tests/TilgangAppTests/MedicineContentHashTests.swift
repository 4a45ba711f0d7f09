import Foundation
import Testing

@testable import TilgangApp
@testable import TilgangDomain

/// The content hash a FEST re-import compares (issue 20): it changes with every compared field, tells field
/// boundaries and absent values apart, and ignores the release and the retirement.
@Suite struct MedicineContentHashTests {
    static let base = Medicine(
        id: "ID_1", name: "Melatonin «Bjørn» æøå", substance: "melatonin", atc: "N05CH01", form: "depottablett",
        productNumber: "123456", norwegianAuthorisation: .none, marketed: true,
        bluePrescriptionIndications: ["G47.0"], exemptionApplicationType: .pharmacyDecides,
        source: "FEST 2026-11-01T03:00:00")

    @Test func theReleaseTheIdAndTheRetirementDoNotCount() {
        var other = Self.base
        other.source = "FEST 2026-11-15T03:00:00"
        other.retiredIn = "FEST 2026-11-15T03:00:00"
        other.id = "ID_2"
        #expect(MedicineContentHash.of(other) == MedicineContentHash.of(Self.base))
    }

    @Test func everyComparedFieldCounts() {
        let changes: [(String, (inout Medicine) -> Void)] = [
            ("name", { $0.name += "ø" }), ("substance", { $0.substance = "melatonin " }),
            ("atc", { $0.atc = "N05CH02" }), ("strength", { $0.strength = "2 mg" }), ("form", { $0.form = nil }),
            ("productNumber", { $0.productNumber = nil }),
            ("norwegianAuthorisation", { $0.norwegianAuthorisation = .authorised }),
            ("marketed", { $0.marketed = nil }), ("marketed false", { $0.marketed = false }),
            ("deregisteredOn", { $0.deregisteredOn = CalendarDate(year: 2026, month: 1, day: 2) }),
            ("approvedIndications", { $0.approvedIndications = ["G47"] }),
            ("foreignAuthorisations", { $0.foreignAuthorisations = ["SE"] }),
            ("negativeList", { $0.negativeList = true }), ("hospitalFinanced", { $0.hospitalFinanced = true }),
            ("bluePrescriptionIndications", { $0.bluePrescriptionIndications = [] }),
            ("nyeMetoder", { $0.nyeMetoder = .introduced }),
            ("nationalCompassionateUseList", { $0.nationalCompassionateUseList = true }),
            ("compassionateUseProgramme", { $0.compassionateUseProgramme = .active }),
            ("nationalStandardAgreement", { $0.nationalStandardAgreement = .short }),
            ("agreementAnnexes", { $0.agreementAnnexes = ["Vedlegg 1"] }),
            ("supplyingPharmacy", { $0.supplyingPharmacy = "Sykehusapoteket" }),
            ("earlyPhase", { $0.earlyPhase = true }), ("thcPercent", { $0.thcPercent = 0.2 }),
            (
                "replacedByMarketedProductOn",
                { $0.replacedByMarketedProductOn = CalendarDate(year: 2027, month: 1, day: 1) }
            ),
            ("exemptionApplicationType", { $0.exemptionApplicationType = nil }),
        ]
        var seen: Set<String> = [MedicineContentHash.of(Self.base)]
        for (field, change) in changes {
            var other = Self.base
            change(&other)
            #expect(seen.insert(MedicineContentHash.of(other)).inserted, "\(field) changes the hash")
        }
    }

    @Test func fieldBoundariesAndAbsentValuesAreTold() {
        var joined = Self.base
        joined.bluePrescriptionIndications = ["G47.0K50"]
        var split = Self.base
        split.bluePrescriptionIndications = ["G47.0", "K50"]
        #expect(MedicineContentHash.of(joined) != MedicineContentHash.of(split))
        var empty = Self.base
        empty.strength = ""
        var absent = Self.base
        absent.strength = nil
        #expect(MedicineContentHash.of(empty) != MedicineContentHash.of(absent))
        var moved = Self.base
        moved.name = "Melatonin «Bjørn» æøåmelatonin"
        moved.substance = ""
        #expect(MedicineContentHash.of(moved) != MedicineContentHash.of(Self.base))
    }
}
