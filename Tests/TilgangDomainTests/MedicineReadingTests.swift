import Foundation
import Testing

@testable import TilgangDomain

/// `Medicine.read(from:requireID:)`: the catalogue record format (docs/catalogue-format.md) and its contradictions.
@Suite struct MedicineReadingTests {
    static let base = #""name": "X", "substance": "x", "atc": "N02BE01""#

    /// A record of `base` plus `fields` (JSON members without braces).
    static func record(_ fields: String) -> String { "{\(base), \(fields)}" }

    @Test func readsAFullRecord() throws {
        // given
        let json = """
            {"id": "ozempic-1mg", "name": "Ozempic", "substance": "semaglutid", "atc": "A10BJ06", "strength": "1 mg",
             "form": "injeksjonsvæske, penn", "productNumber": "123456", "norwegianAuthorisation": "authorised",
             "marketed": true, "approvedIndications": ["E11"], "foreignAuthorisations": ["SE", "DK"],
             "negativeList": false, "hospitalFinanced": true, "bluePrescriptionIndications": ["E11"],
             "nyeMetoder": "introduced", "nationalCompassionateUseList": false, "compassionateUseProgramme": "none",
             "nationalStandardAgreement": "short", "earlyPhase": false, "thcPercent": null,
             "replacedByMarketedProductOn": null}
            """
        // when
        let (medicine, errors) = Fixtures.readMedicine(json, requireID: true)
        // then
        #expect(errors.isEmpty)
        let m = try #require(medicine)
        #expect(m.id == "ozempic-1mg")
        #expect(m.name == "Ozempic" && m.substance == "semaglutid" && m.atc == "A10BJ06")
        #expect(m.strength == "1 mg" && m.form == "injeksjonsvæske, penn" && m.productNumber == "123456")
        #expect(m.norwegianAuthorisation == .authorised && m.marketed == true)
        #expect(m.approvedIndications == ["E11"] && m.bluePrescriptionIndications == ["E11"])
        #expect(m.foreignAuthorisations == ["SE", "DK"])
        #expect(m.hospitalFinanced && !m.negativeList)
        #expect(m.nyeMetoder == .introduced && m.nationalStandardAgreement == .short)
        #expect(m.thcPercent == nil && m.replacedByMarketedProductOn == nil)
    }

    @Test func readsTheCompassionateUseRegisterFields() throws {
        let (medicine, errors) = Fixtures.readMedicine(
            Self.record(
                #""norwegianAuthorisation": "none", "agreementAnnexes": ["Vedlegg 1"], "supplyingPharmacy": "SAV""#))
        #expect(errors.isEmpty)
        #expect(medicine?.agreementAnnexes == ["Vedlegg 1"] && medicine?.supplyingPharmacy == "SAV")
        let (_, bad) = Fixtures.readMedicine(
            Self.record(#""norwegianAuthorisation": "none", "agreementAnnexes": [" "]"#))
        #expect(bad.map(\.field).first?.hasPrefix("agreementAnnexes") == true)
        #expect(Fixtures.readMedicine(Self.record(#""norwegianAuthorisation": "none""#)).0?.agreementAnnexes == [])
    }

    @Test func absentFieldsGetTheDocumentedDefaults() throws {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none""#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.isEmpty)
        let m = try #require(medicine)
        #expect(m.id == nil && m.marketed == nil && m.strength == nil)
        #expect(
            m.approvedIndications.isEmpty && m.foreignAuthorisations.isEmpty && m.bluePrescriptionIndications.isEmpty)
        #expect(!m.negativeList && !m.hospitalFinanced && !m.nationalCompassionateUseList && !m.earlyPhase)
        #expect(m.nyeMetoder == .none && m.compassionateUseProgramme == .none && m.nationalStandardAgreement == .none)
    }

    @Test func readsAnUnlicensedEarlyPhaseCannabisAndTransitionRecord() throws {
        // given
        let json = """
            {"name": "C", "substance": "c", "atc": "N02BG10", "norwegianAuthorisation": "deregistered",
             "deregisteredOn": "2024-03-01", "earlyPhase": true, "compassionateUseProgramme": "active",
             "thcPercent": 22, "replacedByMarketedProductOn": "2026-09-01"}
            """
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.isEmpty)
        let m = try #require(medicine)
        #expect(m.deregisteredOn == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(m.earlyPhase && m.compassionateUseProgramme == .active)
        #expect(m.thcPercent == 22)
        #expect(m.isCannabisProduct)
        #expect(m.replacedByMarketedProductOn == CalendarDate(year: 2026, month: 9, day: 1))
    }

    @Test func veterinaryATCIsAccepted() throws {
        // given
        let json =
            #"{"name": "Fasinex vet.", "substance": "triklabendazol", "atc": "QP52AC01", "#
            + #""norwegianAuthorisation": "none"}"#
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.isEmpty)
        #expect(medicine?.atc == "QP52AC01")
    }

    // MARK: - id

    @Test func catalogueRecordsNeedAnID() {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none""#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json, requireID: true)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["id"])
    }

    @Test(arguments: ["ozempic 1mg", "æøå", "a/b"])
    func idWithCharactersOutsideTheAllowedSetIsRefused(id: String) {
        // given
        let json = Self.record("\"id\": \"\(id)\", \"norwegianAuthorisation\": \"none\"")
        // when
        let (medicine, errors) = Fixtures.readMedicine(json, requireID: true)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["id"])
    }

    // MARK: - field errors

    @Test func missingRequiredFieldsAreEachNamed() {
        // given
        let json = "{}"
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["name", "substance", "atc", "norwegianAuthorisation"])
    }

    @Test func errorsCarryTheReadersPath() throws {
        // given
        let collector = FieldErrorCollector()
        let value = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(#"{"name": "X", "substance": "x", "atc": "not-an-atc", "norwegianAuthorisation": "none"}"#.utf8))
        let reader = try #require(FieldReader(value, path: "medicines[2]", collector: collector))
        // when
        let medicine = Medicine.read(from: reader, requireID: false)
        // then
        #expect(medicine == nil)
        #expect(collector.errors.map(\.field) == ["medicines[2].atc"])
        #expect(collector.errors.first?.message.contains("not-an-atc") == true)
    }

    @Test func aValidRecordIsReturnedEvenWhenTheCollectorAlreadyHoldsOtherErrors() throws {
        // given
        let collector = FieldErrorCollector()
        collector.add("medicines[0].atc", "tidligere feil")
        let value = try JSONDecoder().decode(
            JSONValue.self, from: Data(Self.record(#""norwegianAuthorisation": "none""#).utf8))
        let reader = try #require(FieldReader(value, path: "medicines[1]", collector: collector))
        // when
        let medicine = Medicine.read(from: reader, requireID: false)
        // then
        #expect(medicine != nil)
        #expect(collector.errors.count == 1)
    }

    @Test func listItemsAreCheckedOneByOne() {
        // given
        let json = Self.record(
            #""norwegianAuthorisation": "authorised", "approvedIndications": ["E11", "X", 5], "#
                + #""foreignAuthorisations": ["de", "SE"]"#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(
            errors.map(\.field) == ["approvedIndications[1]", "approvedIndications[2]", "foreignAuthorisations[0]"])
    }

    @Test func aListFieldThatIsNotAList() {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none", "foreignAuthorisations": "DE""#)
        // when
        let (_, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.map(\.field) == ["foreignAuthorisations"])
    }

    @Test func unknownChoiceValueListsTheAcceptedOnes() {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none", "nyeMetoder": "maybe""#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["nyeMetoder"])
        #expect(errors.first?.message.contains("under_assessment") == true)
    }

    @Test func unknownFieldIsRefused() {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none", "negativList": true"#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["negativList"])
    }

    @Test(arguments: [150.0, -1.0])
    func thcOutsideZeroToHundredIsRefused(thc: Double) {
        // given
        let json = Self.record("\"norwegianAuthorisation\": \"none\", \"thcPercent\": \(thc)")
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == ["thcPercent"])
    }

    @Test func thcAsTextIsRefused() {
        // given
        let json = Self.record(#""norwegianAuthorisation": "none", "thcPercent": "22""#)
        // when
        let (_, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.map(\.field) == ["thcPercent"])
    }

    // MARK: - contradictions

    @Test(arguments: [
        (#""norwegianAuthorisation": "none", "approvedIndications": ["E11"]"#, "approvedIndications"),
        (#""norwegianAuthorisation": "authorised", "earlyPhase": true"#, "earlyPhase"),
        (#""norwegianAuthorisation": "none", "compassionateUseProgramme": "active""#, "compassionateUseProgramme"),
        (#""norwegianAuthorisation": "none", "compassionateUseProgramme": "ended""#, "compassionateUseProgramme"),
        (#""norwegianAuthorisation": "none", "deregisteredOn": "2024-03-01""#, "deregisteredOn"),
        (#""norwegianAuthorisation": "authorised", "deregisteredOn": "2024-03-01""#, "deregisteredOn"),
        (
            #""norwegianAuthorisation": "authorised", "replacedByMarketedProductOn": "2026-09-01""#,
            "replacedByMarketedProductOn"
        ),
        (#""norwegianAuthorisation": "none", "bluePrescriptionIndications": ["E11"]"#, "bluePrescriptionIndications"),
        (
            #""norwegianAuthorisation": "deregistered", "bluePrescriptionIndications": ["E11"]"#,
            "bluePrescriptionIndications"
        ),
    ])
    func contradictionsAreRefused(fields: String, expectedField: String) {
        // given
        let json = Self.record(fields)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(medicine == nil)
        #expect(errors.map(\.field) == [expectedField])
    }

    @Test func activeProgrammeWithEarlyPhaseIsNoContradiction() {
        // given
        let json = Self.record(
            #""norwegianAuthorisation": "none", "earlyPhase": true, "compassionateUseProgramme": "active""#)
        // when
        let (medicine, errors) = Fixtures.readMedicine(json)
        // then
        #expect(errors.isEmpty)
        #expect(medicine?.compassionateUseProgramme == .active)
    }
}
