extension Medicine {
    /// Every field name a medicine record may carry (catalogue file and inline scenario medicine).
    public static let fieldNames: Set<String> = [
        "id", "name", "substance", "atc", "strength", "form", "productNumber", "norwegianAuthorisation", "marketed",
        "deregisteredOn", "approvedIndications", "foreignAuthorisations", "negativeList", "hospitalFinanced",
        "bluePrescriptionIndications", "nyeMetoder", "nationalCompassionateUseList", "compassionateUseProgramme",
        "nationalStandardAgreement", "earlyPhase", "thcPercent", "replacedByMarketedProductOn", "agreementAnnexes",
        "supplyingPharmacy",
    ]

    /// Reads and checks a medicine record; returns `nil` after recording field errors in the reader's collector.
    ///
    /// - Parameter requireID: catalogue records need their stable key; inline scenario medicines do not.
    public static func read(from reader: FieldReader, requireID: Bool) -> Medicine? {
        let before = reader.collector.errors.count
        reader.rejectUnknownKeys(allowed: fieldNames)
        let id = reader.string("id", required: requireID)
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "-_.".contains($0)) }) {
            reader.collector.add(reader.fieldPath("id"), "kan bare inneholde bokstavene a–z, tall, - _ og .")
        }
        let name = reader.string("name", required: true)
        let substance = reader.string("substance", required: true)
        let atc = reader.string("atc", required: true)
        if let atc, !Codes.isATC(atc) {
            reader.collector.add(reader.fieldPath("atc"), "«\(atc)» er ikke en ATC-kode (f.eks. A10BJ06)")
        }
        let authorisation: NorwegianAuthorisation? = reader.choice("norwegianAuthorisation", required: true)
        let approved = reader.stringList("approvedIndications", describe: "en ICD-10-kode", isValid: Codes.isICD10)
        let blue = reader.stringList("bluePrescriptionIndications", describe: "en ICD-10-kode", isValid: Codes.isICD10)
        let foreign = reader.stringList("foreignAuthorisations", describe: "en ISO 3166-1 alfa-2-landkode") {
            Codes.isCountryCode($0)
        }
        let deregisteredOn = reader.date("deregisteredOn", required: false)
        let thc = reader.number("thcPercent", in: 0...100)
        let medicine = Medicine(
            id: id, name: name ?? "", substance: substance ?? "", atc: atc ?? "",
            strength: reader.string("strength", required: false), form: reader.string("form", required: false),
            productNumber: reader.string("productNumber", required: false),
            norwegianAuthorisation: authorisation ?? .none, marketed: reader.optionalBool("marketed"),
            deregisteredOn: deregisteredOn, approvedIndications: approved, foreignAuthorisations: foreign,
            negativeList: reader.bool("negativeList", default: false),
            hospitalFinanced: reader.bool("hospitalFinanced", default: false),
            bluePrescriptionIndications: blue,
            nyeMetoder: reader.choice("nyeMetoder", required: false) ?? NyeMetoderStatus.none,
            nationalCompassionateUseList: reader.bool("nationalCompassionateUseList", default: false),
            compassionateUseProgramme: reader.choice("compassionateUseProgramme", required: false)
                ?? CompassionateUseProgrammeStatus.none,
            nationalStandardAgreement: reader.choice("nationalStandardAgreement", required: false)
                ?? NationalStandardAgreement.none,
            earlyPhase: reader.bool("earlyPhase", default: false), thcPercent: thc,
            replacedByMarketedProductOn: reader.date("replacedByMarketedProductOn", required: false),
            agreementAnnexes: reader.stringList("agreementAnnexes", describe: "en tittel på et vedlegg") {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            },
            supplyingPharmacy: reader.string("supplyingPharmacy", required: false)
        )
        if let authorisation { checkConsistency(medicine, authorisation: authorisation, reader: reader) }
        return reader.collector.errors.count == before ? medicine : nil
    }

    /// Contradictions the rules could only resolve by guessing, so they are refused instead.
    private static func checkConsistency(_ m: Medicine, authorisation: NorwegianAuthorisation, reader: FieldReader) {
        let add = { (key: String, message: String) in reader.collector.add(reader.fieldPath(key), message) }
        if authorisation == .none && !m.approvedIndications.isEmpty {
            add("approvedIndications", "et legemiddel uten norsk MT kan ikke ha godkjente indikasjoner")
        }
        if authorisation != .deregistered && m.deregisteredOn != nil {
            add("deregisteredOn", "gjelder bare når norwegianAuthorisation er deregistered")
        }
        if authorisation == .authorised && m.earlyPhase {
            add("earlyPhase", "et legemiddel med norsk MT er ikke et nytt legemiddel i tidlig fase")
        }
        if authorisation == .authorised && m.replacedByMarketedProductOn != nil {
            add("replacedByMarketedProductOn", "gjelder bare uregistrerte legemidler (R9)")
        }
        if authorisation != .authorised && !m.bluePrescriptionIndications.isEmpty {
            add("bluePrescriptionIndications", "blåresept forutsetter norsk MT")
        }
        if m.compassionateUseProgramme != .none && !m.earlyPhase {
            add("compassionateUseProgramme", "et CUP gjelder bare nye legemidler i tidlig fase (earlyPhase)")
        }
    }
}
