/// A coarse class of dosage form, enough to match a medicine in shortage with a site that can make it.
///
/// Sites describe what they make in the report's English words ("sterile solutions for injection", "uncoated
/// tablets"), the catalogue in Norwegian ("injeksjonsvæske", "tabletter"); both map onto these classes through
/// the keyword table below (docs/preparedness.md lists it).
public enum DosageFormClass: String, Codable, Sendable, CaseIterable {
    case tablet
    case capsule
    case oralLiquid = "oral_liquid"
    case injection
    case infusion
    case eyeDrops = "eye_drops"
    case nasal
    case cutaneous
    case suppository
    case gas

    /// Parenteral and eye preparations must be made sterile.
    public var requiresSterileProduction: Bool { [.injection, .infusion, .eyeDrops].contains(self) }

    public var title: String {
        switch self {
        case .tablet: "tabletter"
        case .capsule: "kapsler"
        case .oralLiquid: "mikstur/oral væske"
        case .injection: "injeksjon"
        case .infusion: "infusjon"
        case .eyeDrops: "øyedråper"
        case .nasal: "nesepreparat"
        case .cutaneous: "salve/krem"
        case .suppository: "stikkpiller"
        case .gas: "medisinsk gass"
        }
    }

    /// Lower-case keywords, English and Norwegian; a text may name several classes.
    static let keywords: [(String, DosageFormClass)] = [
        ("tablet", .tablet), ("tablett", .tablet),
        ("capsule", .capsule), ("kapsel", .capsule), ("kapsler", .capsule),
        ("oral solution", .oralLiquid), ("oral mixture", .oralLiquid), ("liquid solution", .oralLiquid),
        ("non-sterile liquid", .oralLiquid), ("mikstur", .oralLiquid), ("mixture", .oralLiquid),
        ("drikkeoppløsning", .oralLiquid), ("oral væske", .oralLiquid),
        ("injection", .injection), ("injeksjon", .injection), ("ampoule", .injection), ("ampulle", .injection),
        ("vial", .injection), ("hetteglass", .injection), ("syringe", .injection), ("sprøyte", .injection),
        ("infusion", .infusion), ("infusjon", .infusion), ("intravenous", .infusion), ("parenteral", .infusion),
        ("eye drop", .eyeDrops), ("øyedråpe", .eyeDrops),
        ("nose drop", .nasal), ("nasal", .nasal), ("nese", .nasal),
        ("ointment", .cutaneous), ("cream", .cutaneous), ("liniment", .cutaneous), ("salve", .cutaneous),
        ("krem", .cutaneous),
        ("suppositor", .suppository), ("stikkpille", .suppository),
        ("medical gas", .gas), ("medisinsk gass", .gas),
    ]

    /// Every class the text names; empty when none is recognised.
    public static func classes(in text: String) -> Set<DosageFormClass> {
        let lower = text.lowercased()
        return Set(keywords.filter { lower.contains($0.0) }.map(\.1))
    }
}
