import Foundation
import Testing

@testable import TilgangDomain

/// `Scenario.parse(json:)`: the issue contract (docs/pathway.md) and errors that name every bad field.
@Suite struct ScenarioParsingTests {
    /// The scenario example of docs/pathway.md, verbatim.
    static let contractExample = """
        {
          "medicineId": "ozempic-1mg",
          "indication": "E66",
          "date": "2026-11-22",
          "patient": {"species": "human", "fatalWithoutAlternatives": false, "informedConsent": true,
                      "eligibleForClinicalTrial": false, "clinicallyExceptional": false},
          "applicant": {"kind": "hospital_specialist", "setting": "hospital"},
          "trustPays": false,
          "helfoRefused": false,
          "generalShortagePermission": false
        }
        """

    /// The smallest valid scenario, with `extra` spliced in as further top-level members.
    static func minimal(_ extra: String = "", patient: String = #"{"species": "human"}"#) -> String {
        """
        {"medicineId": "m", "indication": "E11.9", "date": "2026-11-22", "patient": \(patient),
         "applicant": {"kind": "general_practitioner", "setting": "primary_care"}\(extra.isEmpty ? "" : ", " + extra)}
        """
    }

    /// The minimal scenario with an inline `medicine` object of `members` instead of `medicineId`.
    static func withInlineMedicine(_ members: String) -> String {
        minimal().replacingOccurrences(of: #""medicineId": "m""#, with: "\"medicine\": {\(members)}")
    }

    static func parse(_ json: String) throws(ValidationFailure) -> Scenario {
        try Scenario.parse(json: Data(json.utf8))
    }

    static func failure(_ json: String) -> ValidationFailure? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Accepted input

    @Test func acceptsTheContractExample() throws {
        // given
        let json = Self.contractExample
        // when
        let scenario = try Self.parse(json)
        // then
        #expect(scenario.medicine == .catalogue(id: "ozempic-1mg"))
        #expect(scenario.indication == "E66")
        #expect(scenario.date == CalendarDate(year: 2026, month: 11, day: 22))
        #expect(scenario.patient == Patient(species: .human, informedConsent: true))
        #expect(scenario.applicant == Applicant(kind: .hospitalSpecialist, setting: .hospital))
        #expect(!scenario.trustPays && !scenario.helfoRefused && !scenario.generalShortagePermission)
        #expect(scenario.indicationCovered == nil)
    }

    @Test func acceptsAnInlineMedicineWithoutID() throws {
        // given
        let json = Self.withInlineMedicine(
            #""name": "Eksempelpreparat", "substance": "eksempelstoff", "atc": "N02BE01", "#
                + #""norwegianAuthorisation": "none", "foreignAuthorisations": ["DE"], "thcPercent": null"#)
        // when
        let scenario = try Self.parse(json)
        // then
        guard case .inline(let medicine) = scenario.medicine else {
            Issue.record("expected an inline medicine, got \(scenario.medicine)")
            return
        }
        #expect(medicine.id == nil)
        #expect(medicine.name == "Eksempelpreparat")
        #expect(medicine.norwegianAuthorisation == .none)
        #expect(medicine.foreignAuthorisations == ["DE"])
        #expect(medicine.thcPercent == nil)
    }

    @Test func absentBooleansAreFalseAndIndicationCoveredStaysUnknown() throws {
        // given
        let json = Self.minimal()
        // when
        let scenario = try Self.parse(json)
        // then
        #expect(scenario.patient == Patient(species: .human))
        #expect(!scenario.trustPays && !scenario.helfoRefused && !scenario.generalShortagePermission)
        #expect(scenario.indicationCovered == nil)
    }

    @Test func readsEveryOptionalField() throws {
        // given
        let json = Self.minimal(
            #""trustPays": true, "helfoRefused": true, "generalShortagePermission": true, "indicationCovered": false"#,
            patient: #"{"species": "animal", "fatalWithoutAlternatives": true, "informedConsent": true, "#
                + #""eligibleForClinicalTrial": true, "clinicallyExceptional": true}"#)
        // when
        let scenario = try Self.parse(json)
        // then
        #expect(scenario.trustPays && scenario.helfoRefused && scenario.generalShortagePermission)
        #expect(scenario.indicationCovered == false)
        #expect(
            scenario.patient
                == Patient(
                    species: .animal, fatalWithoutAlternatives: true, informedConsent: true,
                    eligibleForClinicalTrial: true, clinicallyExceptional: true))
    }

    @Test func nullOptionalFieldsAreTreatedAsAbsent() throws {
        // given
        let json = Self.minimal(#""trustPays": null, "indicationCovered": null"#)
        // when
        let scenario = try Self.parse(json)
        // then
        #expect(scenario.trustPays == false)
        #expect(scenario.indicationCovered == nil)
    }

    @Test func surroundingSpacesOfTheIndicationAreTrimmed() throws {
        // given
        let json = Self.minimal().replacingOccurrences(of: #""E11.9""#, with: #"" E11.9 ""#)
        // when
        let scenario = try Self.parse(json)
        // then
        #expect(scenario.indication == "E11.9")
    }

    // MARK: - Rejected input, naming the field

    @Test func missingIndication() {
        // given
        let json = Self.minimal().replacingOccurrences(of: #""indication": "E11.9", "#, with: "")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["indication"])
    }

    @Test(arguments: ["E6", "e11", "E11.", "E119", "11"])
    func badICD10Code(code: String) {
        // given
        let json = Self.minimal().replacingOccurrences(of: #""E11.9""#, with: "\"\(code)\"")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["indication"])
        #expect(failure?.errors.first?.message.contains("ICD-10") == true)
    }

    @Test func unknownSpeciesListsTheAcceptedValues() {
        // given
        let json = Self.minimal(patient: #"{"species": "dog"}"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["patient.species"])
        #expect(failure?.errors.first?.message.contains("human, animal") == true)
    }

    @Test func missingSpecies() {
        // given
        let json = Self.minimal(patient: #"{"informedConsent": true}"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["patient.species"])
    }

    @Test func unknownApplicantKind() {
        // given
        let json = Self.minimal().replacingOccurrences(of: "general_practitioner", with: "nurse")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["applicant.kind"])
        #expect(failure?.errors.first?.message.contains("hospital_specialist") == true)
    }

    @Test func unknownApplicantSetting() {
        // given
        let json = Self.minimal().replacingOccurrences(of: "primary_care", with: "home")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["applicant.setting"])
    }

    @Test func bothMedicineAndMedicineID() {
        // given
        let json = Self.minimal(#""medicine": {"name": "X"}"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["medicineId"])
    }

    @Test func neitherMedicineNorMedicineID() {
        // given
        let json = Self.minimal().replacingOccurrences(of: #""medicineId": "m", "#, with: "")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["medicine"])
    }

    @Test func unknownKeyInsidePatientIsNamedWithItsPath() {
        // given: a misspelt informedConsent
        let json = Self.minimal(patient: #"{"species": "human", "informedConsnet": true}"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["patient.informedConsnet"])
        #expect(failure?.errors.first?.message == "ukjent felt")
    }

    @Test func unknownTopLevelKey() {
        // given
        let json = Self.minimal(#""trustpays": true"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["trustpays"])
    }

    @Test(arguments: [#""yes""#, "1", "[true]"])
    func wrongTypeForABoolean(value: String) {
        // given
        let json = Self.minimal("\"trustPays\": \(value)")
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["trustPays"])
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "22.11.2026", "2026-11-22T10:00:00Z"])
    func invalidDate(date: String) {
        // given
        let json = Self.minimal().replacingOccurrences(of: "2026-11-22", with: date)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["date"])
    }

    @Test(arguments: ["not json", "", "{\"indication\": "])
    func notJSONAtAll(text: String) {
        // given
        let json = text
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["$"])
    }

    @Test(arguments: ["[]", "42", "\"scenario\""])
    func jsonThatIsNotAnObject(text: String) {
        // given
        let json = text
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["$"])
    }

    @Test func patientThatIsNotAnObject() {
        // given
        let json = Self.minimal(patient: #""human""#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["patient"])
    }

    @Test func inlineMedicineFieldErrorsCarryTheMedicinePrefix() {
        // given
        let json = Self.withInlineMedicine(
            #""name": "X", "substance": "x", "atc": "not-an-atc", "norwegianAuthorisation": "none", "colour": "blue""#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["medicine.colour", "medicine.atc"])
    }

    @Test func inlineMedicineContradictionIsRefused() {
        // given
        let json = Self.withInlineMedicine(
            #""name": "X", "substance": "x", "atc": "N02BE01", "#
                + #""norwegianAuthorisation": "authorised", "earlyPhase": true"#)
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["medicine.earlyPhase"])
    }

    @Test func severalErrorsAreReportedAtOnce() {
        // given
        let json = """
            {"medicine": {"name": "X", "substance": "x", "atc": "bad", "norwegianAuthorisation": "none"},
             "indication": "E6", "date": "2026-02-30",
             "patient": {"species": "dog", "informedConsnet": true},
             "applicant": {"kind": "nurse", "setting": "hospital"},
             "trustPays": "yes"}
            """
        // when
        let failure = Self.failure(json)
        // then
        #expect(
            failure?.fields == [
                "medicine.atc", "indication", "date", "patient.informedConsnet", "patient.species", "applicant.kind",
                "trustPays",
            ])
    }

    @Test func everyMissingRequiredFieldIsNamed() {
        // given
        let json = "{}"
        // when
        let failure = Self.failure(json)
        // then
        #expect(failure?.fields == ["medicine", "indication", "date", "patient", "applicant"])
    }
}
