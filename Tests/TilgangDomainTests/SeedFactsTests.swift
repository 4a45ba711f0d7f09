import Foundation
import Testing

@testable import TilgangDomain

/// Sykehuset Innlandet's prescribing guidance against the words of its own procedure (seed 001): every address,
/// project code and phrase the guidance states must stand in the seed as written.
@Suite struct SeedFactsTests {
    /// `<repo>/../shared/seeds`: shared/ sits beside the repository clone, locally and in CI.
    static let seedsDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // TilgangDomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .deletingLastPathComponent()
        .appendingPathComponent("shared/seeds")

    /// Seed 001 with every run of whitespace made one space.
    static func seed001() throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
        let name = try #require(names.first { $0.hasPrefix("001_") && $0.hasSuffix(".txt") }, "no seed 001")
        return normalised(try String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8))
    }

    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let decided = Fixtures.date("2026-03-03")

    static func guidance(_ department: DepartmentKind, hDrug: Bool, route: Route = .offLabel) -> PrescribingGuidance {
        let medicine =
            route == .offLabel
            ? Medicine(
                name: "Legemiddel", substance: "stoff", atc: "L04AX", norwegianAuthorisation: .authorised,
                hospitalFinanced: hDrug)
            : Fixtures.unlicensed()
        return PrescribingGuidance.make(
            configuration: .sykehusetInnlandet, medicine: medicine, department: department, decisionDate: decided,
            route: route)
    }

    static func texts(_ g: PrescribingGuidance) -> [String] {
        [g.inHospitalUse, g.prescription] + (g.exemptionStep.map { [$0] } ?? [])
    }

    /// What the guidance quotes in «», with the decision date as the seed's placeholder.
    static func quotations(_ text: String) -> [String] {
        text.matches(of: /«([^»]*)»/).map {
            normalised(String($0.output.1)).replacingOccurrences(of: decided.norwegian, with: "xx.xx.xxxx")
        }
    }

    static func projectCodes(_ text: String) -> [String] {
        text.matches(of: /DM \d{4}/).map { String($0.output) }
    }

    /// Every text of the configuration, found by reflection so a field added later is checked too.
    static func configurationTexts() -> [(String, String)] {
        Mirror(reflecting: PrescribingConfiguration.sykehusetInnlandet).children.compactMap { child in
            switch child.value {
            case let text as String: (child.label ?? "", text)
            case let text as String?: text.map { (child.label ?? "", $0) }
            default: nil
            }
        }
    }

    @Test func everyTextOfTheConfigurationStandsInTheSeed() throws {
        // given
        let seed = try Self.seed001()
        // when
        let texts = Self.configurationTexts()
        // then
        #expect(texts.count == 17)
        for (field, text) in texts {
            #expect(seed.contains(Self.normalised(text)), "\(field): «\(text)» is not in seed 001")
        }
    }

    @Test func theInvoiceGoesToBrumunddalAsTheSeedSays() throws {
        // given
        let seed = try Self.seed001()
        // when
        let white = Self.guidance(.somatic, hDrug: false)
        // then
        #expect(
            white.prescription.contains(
                "«Faktura sendes til: Sykehuset Innlandet HF, Fakturamottak, Pb 104, 2381 Brumunddal»"))
        #expect(!white.prescription.contains("4453") && !white.prescription.contains("2326"))
        // every postcode and place the guidance names is the seed's
        for place in white.prescription.matches(of: /\d{4} \p{Lu}\p{Ll}+/) {
            #expect(seed.contains(String(place.output)), "\(place.output)")
        }
    }

    @Test(arguments: [DepartmentKind.somatic, .mentalHealth], [false, true])
    func everyQuotationAndCodeStandsInTheSeed(department: DepartmentKind, hDrug: Bool) throws {
        // given
        let seed = try Self.seed001()
        // when
        let texts = Self.texts(Self.guidance(department, hDrug: hDrug))
        // then
        let quoted = texts.flatMap(Self.quotations)
        #expect(quoted.count >= 2)
        for quotation in quoted {
            #expect(seed.contains(quotation), "«\(quotation)» is not in seed 001")
        }
        for code in texts.flatMap(Self.projectCodes) {
            #expect(seed.contains(code), "\(code)")
        }
    }

    @Test(arguments: [DepartmentKind.somatic, .mentalHealth], [false, true])
    func theDepartmentPicksTheSeedsProjectForItsKind(department: DepartmentKind, hDrug: Bool) throws {
        // given the seed's project lines: "Prosjekt DM 0228 Off-label gitt i sykehus, somatikk, eller" …
        let seed = try Self.seed001()
        let own = department == .somatic ? "somatikk" : "psykisk helsevern"
        let other = department == .somatic ? "psykisk helsevern" : "somatikk"
        // when
        let g = Self.guidance(department, hDrug: hDrug)
        // then each project code the guidance gives is, in the seed, the one for the department's kind
        for code in Self.texts(g).flatMap(Self.projectCodes) {
            let line = try #require(seed.firstRange(of: code).map { seed[$0.lowerBound...].prefix(80) })
            #expect(!line.contains(other), "\(code) is the seed's code for \(other)")
            if line.contains("i sykehus") || line.contains("hvit resept") {
                #expect(line.contains(own), "\(code): \(line)")
            }
        }
        let inHospital = department == .somatic ? "DM 0228" : "DM 0229"
        #expect(Self.projectCodes(g.inHospitalUse) == [inHospital])
        let onPrescription = hDrug ? "DM 0231" : department == .somatic ? "DM 0223" : "DM 0230"
        #expect(Self.projectCodes(g.prescription) == [onPrescription])
    }

    @Test func inHospitalUseIsOrderedInTonSysAndChargedToTheOrderingDepartment() throws {
        // given
        let seed = try Self.seed001()
        let c = PrescribingConfiguration.sykehusetInnlandet
        // when
        let text = Self.guidance(.somatic, hDrug: false).inHospitalUse
        // then
        for fact in [c.inHospitalSupplier, c.orderingSystem, c.orderingExceptions, c.inHospitalInvoicing] {
            let fact = try #require(fact)
            #expect(text.contains(fact) && seed.contains(fact), "\(fact)")
        }
        #expect(text.contains("TønSys") && text.contains("Fakturaen belastes den avdelingen som bestiller"))
    }

    @Test func theWhitePrescriptionNoteNamesTheDirectorTheDateAndThePharmacies() throws {
        // given
        let seed = try Self.seed001()
        // when
        let text = Self.guidance(.mentalHealth, hDrug: false).prescription
        // then
        #expect(
            text.contains("«Godkjent off-label behandling av direktør Medisin og helsefag i SIHF, dato 03.03.2026.»"))
        #expect(text.contains("«Prosjekt DM 0230 Off label hvit resept, psykisk helsevern»"))
        #expect(text.contains("uten refusjon") && seed.contains("resept uten refusjon"))
        #expect(text.contains("Elverum, Hamar, Gjøvik, Lillehammer"))
    }

    @Test func theHPrescriptionCarriesTheRefundCodeAndProjectCode() throws {
        // given
        let seed = try Self.seed001()
        // when
        let text = Self.guidance(.somatic, hDrug: true).prescription
        // then
        #expect(text.contains("«Prosjektkode DM 0231 Off-label H-resept»"))
        #expect(
            text.contains("refusjonskode for aktuell diagnose") && seed.contains("refusjonskode for aktuell diagnose"))
        #expect(text.contains("e-resept") && seed.contains("e-resept"))
    }

    @Test func theExemptionGoesToTheAgencyOnlyWithoutMT() throws {
        // given
        let seed = try Self.seed001()
        // when
        let withMT = Self.guidance(.somatic, hDrug: false)
        let notified = Self.guidance(.somatic, hDrug: false, route: .exemptionNotification)
        let decided = Self.guidance(.somatic, hDrug: false, route: .exemptionAgency)
        // then
        #expect(withMT.exemptionStep == nil)
        #expect(seed.contains(PrescribingGuidance.agency) && seed.contains("Kontakt Sykehusapoteket for bistand."))
        for step in [notified.exemptionStep, decided.exemptionStep] {
            let step = try #require(step)
            #expect(step.contains(PrescribingGuidance.agency) && step.contains("Kontakt Sykehusapoteket for bistand."))
        }
    }

    @Test func theBooleanFormKeepsItsMeaning() {
        // given
        let medicine = Fixtures.authorised()
        // when
        let viaBool = PrescribingGuidance.make(
            configuration: .sykehusetInnlandet, medicine: medicine, mentalHealth: true, decisionDate: Self.decided,
            route: .offLabel)
        let viaKind = PrescribingGuidance.make(
            configuration: .sykehusetInnlandet, medicine: medicine, department: .mentalHealth,
            decisionDate: Self.decided, route: .offLabel)
        // then
        #expect(viaBool == viaKind)
    }

    @Test func aConfigurationStoredBeforeTheNewFieldsStillDecodes() throws {
        // given the JSON a trust row held before
        let json = """
            {"inHospitalSomaticProject":"DM 0228","inHospitalMentalHealthProject":"DM 0229",
            "hPrescriptionProject":"DM 0231","whitePrescriptionSomaticProject":"DM 0223",
            "whitePrescriptionMentalHealthProject":"DM 0230","approverTitle":"direktør Medisin og helsefag i SIHF",
            "invoiceAddress":"Sykehuset Innlandet HF, Fakturamottak, Pb 104, 2381 Brumunddal"}
            """
        // when
        let c = try JSONDecoder().decode(PrescribingConfiguration.self, from: Data(json.utf8))
        let g = PrescribingGuidance.make(
            configuration: c, medicine: Fixtures.authorised(), department: .somatic, decisionDate: Self.decided,
            route: .offLabel)
        // then
        #expect(c.orderingSystem == nil)
        #expect(g.inHospitalUse.contains("«Prosjekt DM 0228»") && g.prescription.contains("«Prosjekt DM 0223»"))
    }
}
