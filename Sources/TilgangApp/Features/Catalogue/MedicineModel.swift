import Fluent
import Foundation
import TilgangDomain

/// A catalogue record in the database. Never leaves the persistence layer: convert with `medicine`.
final class MedicineModel: Model, @unchecked Sendable {
    static let schema = "medicines"

    @ID(key: .id) var id: UUID?
    /// The stable catalogue key that imports upsert by.
    @Field(key: "catalogue_id") var catalogueID: String
    @Field(key: "name") var name: String
    @Field(key: "substance") var substance: String
    @Field(key: "atc") var atc: String
    @OptionalField(key: "strength") var strength: String?
    @OptionalField(key: "form") var form: String?
    @OptionalField(key: "product_number") var productNumber: String?
    @Field(key: "norwegian_authorisation") var norwegianAuthorisation: String
    @OptionalField(key: "marketed") var marketed: Bool?
    @OptionalField(key: "deregistered_on") var deregisteredOn: String?
    @Field(key: "approved_indications") var approvedIndications: [String]
    @Field(key: "foreign_authorisations") var foreignAuthorisations: [String]
    @Field(key: "negative_list") var negativeList: Bool
    @Field(key: "hospital_financed") var hospitalFinanced: Bool
    @Field(key: "blue_prescription_indications") var bluePrescriptionIndications: [String]
    @Field(key: "nye_metoder") var nyeMetoder: String
    @Field(key: "national_cu_list") var nationalCompassionateUseList: Bool
    @Field(key: "cu_programme") var compassionateUseProgramme: String
    @Field(key: "national_standard_agreement") var nationalStandardAgreement: String
    @Field(key: "early_phase") var earlyPhase: Bool
    @OptionalField(key: "thc_percent") var thcPercent: Double?
    @OptionalField(key: "replaced_by_marketed_product_on") var replacedByMarketedProductOn: String?
    @OptionalField(key: "agreement_annexes") var agreementAnnexes: [String]?
    @OptionalField(key: "supplying_pharmacy") var supplyingPharmacy: String?
    @OptionalField(key: "exemption_application_type") var exemptionApplicationType: Int?
    /// `FEST <HentetDato>` for records from a FEST release.
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "retired_in") var retiredIn: String?
    /// `MedicineContentHash` of a record as a FEST import wrote it; `nil` once anything else writes the record.
    @OptionalField(key: "fest_hash") var festHash: String?
    /// Lower-cased name, substance, ATC code and product number: what the search box matches.
    @Field(key: "search_text") var searchText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(_ medicine: Medicine) {
        apply(medicine)
    }

    /// Copies every field of the domain value into the record.
    func apply(_ m: Medicine) {
        catalogueID = m.id ?? ""
        name = m.name
        substance = m.substance
        atc = m.atc
        strength = m.strength
        form = m.form
        productNumber = m.productNumber
        norwegianAuthorisation = m.norwegianAuthorisation.rawValue
        marketed = m.marketed
        deregisteredOn = m.deregisteredOn?.iso
        approvedIndications = m.approvedIndications
        foreignAuthorisations = m.foreignAuthorisations
        negativeList = m.negativeList
        hospitalFinanced = m.hospitalFinanced
        bluePrescriptionIndications = m.bluePrescriptionIndications
        nyeMetoder = m.nyeMetoder.rawValue
        nationalCompassionateUseList = m.nationalCompassionateUseList
        compassionateUseProgramme = m.compassionateUseProgramme.rawValue
        nationalStandardAgreement = m.nationalStandardAgreement.rawValue
        earlyPhase = m.earlyPhase
        thcPercent = m.thcPercent
        replacedByMarketedProductOn = m.replacedByMarketedProductOn?.iso
        agreementAnnexes = m.agreementAnnexes
        supplyingPharmacy = m.supplyingPharmacy
        exemptionApplicationType = m.exemptionApplicationType?.rawValue
        source = m.source
        retiredIn = m.retiredIn
        // Written by a catalogue file, not by FEST: the next FEST import compares it as changed.
        festHash = nil
        searchText = MedicineSearchText.of(m)
    }

    /// The domain value. Stored values were checked on import, so an unreadable one means a damaged row.
    var medicine: Medicine {
        get throws {
            try MedicineRow(
                catalogueID: catalogueID, name: name, substance: substance, atc: atc, strength: strength, form: form,
                productNumber: productNumber, norwegianAuthorisation: norwegianAuthorisation, marketed: marketed,
                deregisteredOn: deregisteredOn, approvedIndications: approvedIndications,
                foreignAuthorisations: foreignAuthorisations, negativeList: negativeList,
                hospitalFinanced: hospitalFinanced, bluePrescriptionIndications: bluePrescriptionIndications,
                nyeMetoder: nyeMetoder, nationalCompassionateUseList: nationalCompassionateUseList,
                compassionateUseProgramme: compassionateUseProgramme,
                nationalStandardAgreement: nationalStandardAgreement, earlyPhase: earlyPhase, thcPercent: thcPercent,
                replacedByMarketedProductOn: replacedByMarketedProductOn, agreementAnnexes: agreementAnnexes,
                supplyingPharmacy: supplyingPharmacy, exemptionApplicationType: exemptionApplicationType,
                source: source, retiredIn: retiredIn
            ).medicine
        }
    }
}
