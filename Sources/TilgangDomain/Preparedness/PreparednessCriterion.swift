/// The report's characteristics of a medicine that needs Norwegian production to prevent supply failure
/// (seed 003 §4.3): four of criticality and five of shortage risk. Each is assessed on a documented 0–3 scale.
public enum PreparednessCriterion: String, Codable, Sendable, CaseIterable {
    case therapyTradition = "therapy_tradition"
    case patientGroupSize = "patient_group_size"
    case healthConsequence = "health_consequence"
    case fewAlternatives = "few_alternatives"
    case fewMarketingAuthorisationHolders = "few_mt_holders"
    case fewAPIMakers = "few_api_makers"
    case pastShortages = "past_shortages"
    case shortageForecast = "shortage_forecast"
    case expectedDuration = "expected_duration"

    public enum Dimension: String, Codable, Sendable {
        case criticality
        case shortageRisk = "shortage_risk"
    }

    public static let highestLevel = 3

    public var dimension: Dimension {
        switch self {
        case .therapyTradition, .patientGroupSize, .healthConsequence, .fewAlternatives: .criticality
        default: .shortageRisk
        }
    }

    /// Past shortages are counted from the shortage register, never typed in.
    public var isDerivedFromShortages: Bool { self == .pastShortages }

    /// Norwegian name shown to users, in the report's words.
    public var title: String {
        switch self {
        case .therapyTradition: "Særnorsk terapitradisjon som bør opprettholdes"
        case .patientGroupSize: "Størrelsen på berørt pasientgruppe"
        case .healthConsequence: "Konsekvenser for pasientenes liv og helse"
        case .fewAlternatives: "Få alternative behandlinger"
        case .fewMarketingAuthorisationHolders: "Av patent, få MT-innehavere i Norge eller innehavere som trekker seg"
        case .fewAPIMakers: "Få produsenter av virkestoffet på verdensbasis"
        case .pastShortages: "Antall mangler historisk"
        case .shortageForecast: "Prognose for mangler fremover"
        case .expectedDuration: "Forventet varighet av en mangel"
        }
    }

    /// What each level 0…3 means, so two analysts give the same level for the same evidence.
    public var scale: [String] {
        switch self {
        case .therapyTradition:
            [
                "ingen særnorsk tradisjon", "noe særnorsk bruk", "del av en nasjonal strategi",
                "bærende i en nasjonal strategi (f.eks. antibiotikastrategien)",
            ]
        case .patientGroupSize:
            ["under 100 pasienter", "100–999 pasienter", "1 000–9 999 pasienter", "10 000 pasienter eller flere"]
        case .healthConsequence:
            ["ubehag uten varig skade", "forbigående helseskade", "alvorlig eller varig helseskade", "livstruende"]
        case .fewAlternatives:
            ["tre eller flere likeverdige alternativer", "to alternativer", "ett alternativ", "ingen alternativer"]
        case .fewMarketingAuthorisationHolders:
            [
                "under patent eller fire eller flere MT-innehavere", "tre MT-innehavere", "to MT-innehavere",
                "én eller ingen, eller innehaveren trekker seg",
            ]
        case .fewAPIMakers: ["fem eller flere", "tre eller fire", "to", "én"]
        case .pastShortages: ["ingen mangler siste 10 år", "én mangel", "to mangler", "tre eller flere mangler"]
        case .shortageForecast:
            ["ingen varslet mangel", "mulig mangel", "sannsynlig mangel", "varslet eller pågående mangel"]
        case .expectedDuration: ["under 2 uker", "2 uker til 2 måneder", "2 til 6 måneder", "over 6 måneder"]
        }
    }
}
