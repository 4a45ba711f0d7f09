import Foundation
import Testing

@testable import TilgangDomain

/// Builders for the values the domain tests need: medicines, scenarios, an engine on a short country list.
enum Fixtures {
    /// A short agency list: Germany (EEA and PIC/S), Bulgaria (EEA only), the USA (PIC/S only), India (neither).
    static let countriesCSV = """
        iso_code,name_no,eea,listed_pics_or_mra,mra
        DE,Tyskland,yes,yes,no
        BG,Bulgaria,yes,no,no
        US,USA,no,yes,no
        IN,India,no,no,no
        """

    static let engine: RouteEngine = {
        do {
            return RouteEngine(notificationCountries: try NotificationCountryList(csv: countriesCSV))
        } catch {
            fatalError("fixture country list does not parse: \(error)")
        }
    }()

    /// 2026-11-22, the day the documented examples are decided for.
    static let today = date("2026-11-22")

    static func date(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    // MARK: - Medicines

    /// An authorised medicine with coded indications (Ozempic-like: MT for type 2 diabetes, blue prescription).
    static func authorised(
        name: String = "Ozempic", approved: [String] = ["E11"], blue: [String] = [],
        nyeMetoder: NyeMetoderStatus = .none
    ) -> Medicine {
        Medicine(
            name: name, substance: "semaglutid", atc: "A10BJ06", norwegianAuthorisation: .authorised,
            approvedIndications: approved, foreignAuthorisations: ["DE"], bluePrescriptionIndications: blue,
            nyeMetoder: nyeMetoder)
    }

    /// A medicine without Norwegian MT.
    static func unlicensed(
        name: String = "Uregistrert", authorisation: NorwegianAuthorisation = .none, foreign: [String] = ["DE"],
        negativeList: Bool = false, nyeMetoder: NyeMetoderStatus = .none, thc: Double? = nil,
        replacedOn: CalendarDate? = nil
    ) -> Medicine {
        Medicine(
            name: name, substance: "stoff", atc: thc == nil ? "N05CH01" : "N02BG10",
            norwegianAuthorisation: authorisation, foreignAuthorisations: foreign, negativeList: negativeList,
            nyeMetoder: nyeMetoder, thcPercent: thc, replacedByMarketedProductOn: replacedOn)
    }

    /// A new early-phase medicine without MT (R6).
    static func earlyPhase(
        name: String = "Tidligfase", cup: CompassionateUseProgrammeStatus = .none, onCUList: Bool = false,
        agreement: NationalStandardAgreement = .none, foreign: [String] = []
    ) -> Medicine {
        Medicine(
            name: name, substance: "nytt stoff", atc: "L01XX", norwegianAuthorisation: .none,
            foreignAuthorisations: foreign, nationalCompassionateUseList: onCUList, compassionateUseProgramme: cup,
            nationalStandardAgreement: agreement, earlyPhase: true)
    }

    /// A cannabis product (ATC N02BG10) on the negative list, without Norwegian MT.
    static func cannabis(thc: Double, negativeList: Bool = true) -> Medicine {
        unlicensed(name: "Cannabis", foreign: ["DE"], negativeList: negativeList, thc: thc)
    }

    // MARK: - Scenarios

    static let specialist = Applicant(kind: .hospitalSpecialist, setting: .hospital)
    static let gp = Applicant(kind: .generalPractitioner, setting: .primaryCare)

    static func scenario(
        _ medicine: Medicine, indication: String = "E11.9", date: CalendarDate = today,
        patient: Patient = Patient(species: .human, informedConsent: true), applicant: Applicant = specialist,
        trustPays: Bool = false, helfoRefused: Bool = false, shortage: Bool = false, indicationCovered: Bool? = nil
    ) -> Scenario {
        Scenario(
            medicine: .inline(medicine), indication: indication, date: date, patient: patient, applicant: applicant,
            trustPays: trustPays, helfoRefused: helfoRefused, generalShortagePermission: shortage,
            indicationCovered: indicationCovered)
    }

    /// Runs the engine on a scenario for `medicine`.
    static func decide(
        _ medicine: Medicine, indication: String = "E11.9", date: CalendarDate = today,
        patient: Patient = Patient(species: .human, informedConsent: true), applicant: Applicant = specialist,
        trustPays: Bool = false, helfoRefused: Bool = false, shortage: Bool = false, indicationCovered: Bool? = nil
    ) throws -> RouteDecision {
        let scenario = scenario(
            medicine, indication: indication, date: date, patient: patient, applicant: applicant,
            trustPays: trustPays, helfoRefused: helfoRefused, shortage: shortage,
            indicationCovered: indicationCovered)
        return try engine.decide(scenario, medicine: medicine)
    }

    // MARK: - JSON

    /// Reads a medicine record from JSON text with a fresh collector; returns the medicine and the errors.
    static func readMedicine(_ json: String, requireID: Bool = false) -> (Medicine?, [FieldError]) {
        let collector = FieldErrorCollector()
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) else {
            fatalError("fixture is not JSON: \(json)")
        }
        guard let reader = FieldReader(value, path: "", collector: collector) else { return (nil, collector.errors) }
        let medicine = Medicine.read(from: reader, requireID: requireID)
        return (medicine, collector.errors)
    }
}

extension ValidationFailure {
    var fields: [String] { errors.map(\.field) }
}

/// Checks the five contract fields of a decision at once; failures point at the caller.
func expectDecision(
    _ decision: RouteDecision, route: Route, agency: AgencyApplication, trustApproval: Bool, mayApply: Bool,
    rules: [RuleID], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(decision.route == route, sourceLocation: sourceLocation)
    #expect(decision.agencyApplication == agency, sourceLocation: sourceLocation)
    #expect(decision.trustApproval == trustApproval, sourceLocation: sourceLocation)
    #expect(decision.applicantMayApply == mayApply, sourceLocation: sourceLocation)
    #expect(decision.rules == rules, sourceLocation: sourceLocation)
}
