import Foundation
import TilgangDomain

/// A catalogue row's stored values, decoded straight from SQL where a lookup is hot (route decisions), and the
/// one place they become a domain `Medicine`.
struct MedicineRow: Decodable, Sendable {
    let catalogueID: String
    let name: String
    let substance: String
    let atc: String
    let strength: String?
    let form: String?
    let productNumber: String?
    let norwegianAuthorisation: String
    let marketed: Bool?
    let deregisteredOn: String?
    let approvedIndications: [String]
    let foreignAuthorisations: [String]
    let negativeList: Bool
    let hospitalFinanced: Bool
    let bluePrescriptionIndications: [String]
    let nyeMetoder: String
    let nationalCompassionateUseList: Bool
    let compassionateUseProgramme: String
    let nationalStandardAgreement: String
    let earlyPhase: Bool
    let thcPercent: Double?
    let replacedByMarketedProductOn: String?
    let agreementAnnexes: [String]?
    let supplyingPharmacy: String?
    let exemptionApplicationType: Int?
    let source: String?
    let retiredIn: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case catalogueID = "catalogue_id"
        case name, substance, atc, strength, form
        case productNumber = "product_number"
        case norwegianAuthorisation = "norwegian_authorisation"
        case marketed
        case deregisteredOn = "deregistered_on"
        case approvedIndications = "approved_indications"
        case foreignAuthorisations = "foreign_authorisations"
        case negativeList = "negative_list"
        case hospitalFinanced = "hospital_financed"
        case bluePrescriptionIndications = "blue_prescription_indications"
        case nyeMetoder = "nye_metoder"
        case nationalCompassionateUseList = "national_cu_list"
        case compassionateUseProgramme = "cu_programme"
        case nationalStandardAgreement = "national_standard_agreement"
        case earlyPhase = "early_phase"
        case thcPercent = "thc_percent"
        case replacedByMarketedProductOn = "replaced_by_marketed_product_on"
        case agreementAnnexes = "agreement_annexes"
        case supplyingPharmacy = "supplying_pharmacy"
        case exemptionApplicationType = "exemption_application_type"
        case source
        case retiredIn = "retired_in"
    }

    static let columns = CodingKeys.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")

    /// Stored values were checked on import, so an unreadable one means a damaged row.
    var medicine: Medicine {
        get throws {
            guard let authorisation = NorwegianAuthorisation(rawValue: norwegianAuthorisation),
                let nye = NyeMetoderStatus(rawValue: nyeMetoder),
                let programme = CompassionateUseProgrammeStatus(rawValue: compassionateUseProgramme),
                let agreement = NationalStandardAgreement(rawValue: nationalStandardAgreement)
            else { throw CatalogueError.damagedRecord(catalogueID) }
            return Medicine(
                id: catalogueID, name: name, substance: substance, atc: atc, strength: strength, form: form,
                productNumber: productNumber, norwegianAuthorisation: authorisation, marketed: marketed,
                deregisteredOn: deregisteredOn.flatMap(CalendarDate.init(iso:)),
                approvedIndications: approvedIndications, foreignAuthorisations: foreignAuthorisations,
                negativeList: negativeList, hospitalFinanced: hospitalFinanced,
                bluePrescriptionIndications: bluePrescriptionIndications, nyeMetoder: nye,
                nationalCompassionateUseList: nationalCompassionateUseList, compassionateUseProgramme: programme,
                nationalStandardAgreement: agreement, earlyPhase: earlyPhase, thcPercent: thcPercent,
                replacedByMarketedProductOn: replacedByMarketedProductOn.flatMap(CalendarDate.init(iso:)),
                agreementAnnexes: agreementAnnexes ?? [], supplyingPharmacy: supplyingPharmacy,
                exemptionApplicationType: exemptionApplicationType.flatMap(ExemptionApplicationType.init(rawValue:)),
                source: source, retiredIn: retiredIn)
        }
    }
}
