/// The pathway rules of SPEC §4, each with a short Norwegian title and the seed it comes from.
public enum RuleID: String, Codable, Sendable, CaseIterable, Comparable {
    case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5", r6 = "R6", r7 = "R7"
    case r8 = "R8", r9 = "R9", r10 = "R10", r11 = "R11", r12 = "R12", r13 = "R13"

    public var title: String {
        switch self {
        case .r1: "Norsk MT dekker indikasjonen (on-label)"
        case .r2: "Norsk MT, men ikke for denne indikasjonen (off-label): ikke søk godkjenningsfritak"
        case .r3: "Blåresept utenfor forhåndsgodkjent indikasjon: søk Helfo først"
        case .r4: "Til metodevurdering i Nye metoder: bare via unntaksordningen"
        case .r5: "Besluttet ikke innført: ingen individuelle unntak, bare tilgangsordningen"
        case .r6: "Nytt legemiddel i tidlig fase uten MT: regelverket for compassionate use"
        case .r7: "MT i et notifiseringsland og ikke på negativlisten: notifisering"
        case .r8: "Ikke dekket av notifisering: DMP avgjør søknaden"
        case .r9: "Overgangsperiode på inntil 90 dager etter at et MT-legemiddel er markedsført"
        case .r10: "Bytte under generell mangeltillatelse: ingen søknad"
        case .r11: "Cannabis over 1 % THC: bare spesialister ansatt på sykehus kan søke"
        case .r12: "Hvem kan søke: lege eller tannlege for mennesker, veterinær for dyr"
        case .r13: "Helseforetaket betaler: direktør medisin og helsefag må godkjenne"
        }
    }

    /// Where the rule comes from (seed file in `shared/seeds`, plus section where one exists).
    public var source: String {
        switch self {
        case .r1, .r2, .r3, .r4, .r5, .r13: "seed 001 (Sykehuset Innlandet, off-label/off-license-prosedyre)"
        case .r6: "seed 001 og 000 §2 (Helse Vest, compassionate use)"
        case .r7: "seed 002 og 004; DMPs liste over notifiseringsland"
        case .r8: "seed 002 (legemiddelforskriften § 2-5 åttende ledd)"
        case .r9: "seed 004 §1.4"
        case .r10: "seed 004 §1.2"
        case .r11: "seed 004 §1.5.4.3"
        case .r12: "seed 002 (forslag 3, vedtak III) og 004"
        }
    }

    private var number: Int { Int(rawValue.dropFirst()) ?? 0 }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.number < rhs.number }
}
