import Foundation

/// Decides which route applies to a scenario (SPEC §4) and explains it.
///
/// A pure function of its input: the order of evaluation is SPEC §4.1, and the first step that
/// settles the route wins. Every branch names the rule ids it applied.
public struct RouteEngine: Sendable {
    /// R9: unregistered products may be dispensed for up to 90 days after the MT product came to market.
    public static let transitionPeriodDays = 90
    /// R11: above this THC content only hospital specialists may apply.
    public static let cannabisTHCLimitPercent = 1.0

    public let notificationCountries: NotificationCountryList

    public init(notificationCountries: NotificationCountryList) {
        self.notificationCountries = notificationCountries
    }

    /// - Parameter medicine: the scenario's medicine, resolved from the catalogue when it was given by id.
    /// - Throws: `ValidationFailure` when the input leaves the answer open (e.g. `indicationCovered`).
    public func decide(_ scenario: Scenario, medicine: Medicine) throws(ValidationFailure) -> RouteDecision {
        if let refusal = whoMayApply(scenario) { return refusal }
        if let decision = nyeMetoder(scenario, medicine) { return decision }
        if medicine.norwegianAuthorisation == .authorised {
            return try authorised(scenario, medicine)
        }
        return unlicensed(scenario, medicine)
    }

    // MARK: - Step 1: who may apply (R12)

    private func whoMayApply(_ s: Scenario) -> RouteDecision? {
        switch (s.patient.species, s.applicant.kind) {
        case (.human, .hospitalSpecialist), (.human, .generalPractitioner), (.human, .dentist),
            (.animal, .veterinarian):
            return nil
        case (.human, .veterinarian):
            return RouteDecision(
                route: .notPermitted, agencyApplication: .none, trustApproval: false, applicantMayApply: false,
                rules: [.r12],
                explanation: "En veterinær kan ikke forskrive eller søke om legemidler til mennesker. "
                    + "Søknad for et menneske må komme fra en lege eller tannlege (R12).",
                nextSteps: ["Be pasientens lege eller tannlege vurdere behandlingen og eventuelt søke."])
        case (.animal, _):
            return RouteDecision(
                route: .notPermitted, agencyApplication: .none, trustApproval: false, applicantMayApply: false,
                rules: [.r12],
                explanation: "Legemidler til dyr forskrives og søkes av veterinær (forskrift om bruk av legemidler "
                    + "til dyr § 4-1). Denne søkeren kan ikke søke for et dyr (R12).",
                nextSteps: ["Be dyrets veterinær vurdere behandlingen og eventuelt søke."])
        }
    }

    // MARK: - Step 2: Nye metoder in the specialist health service (R5, R4)

    private func nyeMetoder(_ s: Scenario, _ m: Medicine) -> RouteDecision? {
        guard s.patient.species == .human, s.applicant.setting == .hospital else { return nil }
        switch m.nyeMetoder {
        case .notIntroduced where s.patient.clinicallyExceptional:
            return RouteDecision(
                route: .accessScheme, agencyApplication: .none, trustApproval: false, applicantMayApply: true,
                rules: [.r5],
                explanation: "Beslutningsforum har besluttet at \(m.name) ikke skal innføres i "
                    + "spesialisthelsetjenesten. Individuelle unntak gis ikke, men for en klinisk eksepsjonell "
                    + "pasient kan det søkes gjennom tilgangsordningen (R5).",
                nextSteps: [
                    "Søk om bruk gjennom tilgangsordningen (Nye metoder) etter helseforetakets prosedyre for "
                        + "legemidler som er besluttet ikke innført.",
                    "Begrunn hvorfor pasienten er klinisk eksepsjonell.",
                    "Ikke søk om godkjenningsfritak eller bruk helseforetakets off-label-søknad for dette.",
                ])
        case .notIntroduced:
            return RouteDecision(
                route: .notPermitted, agencyApplication: .none, trustApproval: false, applicantMayApply: false,
                rules: [.r5],
                explanation: "Beslutningsforum har besluttet at \(m.name) ikke skal innføres i "
                    + "spesialisthelsetjenesten, og det gis ikke individuelle unntak. Tilgangsordningen gjelder bare "
                    + "klinisk eksepsjonelle pasienter, og pasienten er ikke oppgitt å være det (R5).",
                nextSteps: [
                    "Vurder annen behandling.",
                    "Er pasienten klinisk eksepsjonell, kan det søkes gjennom tilgangsordningen (Nye metoder).",
                ])
        case .underAssessment where m.norwegianAuthorisation == .authorised:
            return RouteDecision(
                route: .exceptionScheme, agencyApplication: .none, trustApproval: false, applicantMayApply: true,
                rules: [.r4],
                explanation: "Beslutningsforum har gitt oppdrag om metodevurdering av \(m.name). Inntil beslutning "
                    + "foreligger kan legemiddelet bare forskrives etter godkjent søknad via unntaksordningen (R4).",
                nextSteps: [
                    "Søk via unntaksordningen (Nye metoder) etter helseforetakets prosedyre for legemidler som er "
                        + "til vurdering.",
                    "Ikke bruk helseforetakets off-label-søknad og ikke søk om godkjenningsfritak.",
                ])
        case .underAssessment, .none, .introduced:
            // R4: the exception scheme gives no exceptions for medicines without Norwegian MT; R6–R8 decide those.
            return nil
        }
    }

    // MARK: - Step 3: Norwegian MT (R1, R2, R3, R13)

    private func authorised(_ s: Scenario, _ m: Medicine) throws(ValidationFailure) -> RouteDecision {
        if try indicationIsCovered(s, m) {
            return RouteDecision(
                route: .onLabel, agencyApplication: .none, trustApproval: false, applicantMayApply: true,
                rules: [.r1],
                explanation: "\(m.name) har norsk markedsføringstillatelse som dekker indikasjonen \(s.indication). "
                    + "Bruken er innenfor godkjent preparatomtale, og det trengs ingen søknad (R1).",
                nextSteps: ["Forskriv som vanlig etter preparatomtalen."])
        }
        let isBluePrescription = !m.bluePrescriptionIndications.isEmpty
        let outsideBlue = !m.bluePrescriptionIndications.contains { Codes.indication($0, covers: s.indication) }
        let helfoApplies = isBluePrescription && outsideBlue && s.applicant.setting == .hospital
        if helfoApplies && !s.helfoRefused {
            return RouteDecision(
                route: .helfoFirst, agencyApplication: .none, trustApproval: false, applicantMayApply: true,
                rules: [.r3],
                explanation: "\(m.name) er et blåreseptlegemiddel, og \(s.indication) er utenfor de forhåndsgodkjente "
                    + "indikasjonene (blåreseptforskriften § 2). En sykehuslege skal da først søke Helfo om individuell "
                    + "refusjon etter § 3. Først etter avslag fra Helfo kan helseforetakets godkjenningsløp brukes (R3). "
                    + "Legemiddelet har norsk MT, så det skal ikke søkes om godkjenningsfritak.",
                nextSteps: [
                    "Søk Helfo om individuell refusjon etter blåreseptforskriften § 3.",
                    "Ved avslag fra Helfo: vurder på nytt med «Helfo har avslått»; da kan det søkes om dekning i "
                        + "helseforetaket dersom forskrivningen er medisinsk begrunnet.",
                ])
        }
        var rules: Set<RuleID> = [.r2]
        var explanation =
            "\(m.name) har norsk markedsføringstillatelse, men ikke for indikasjonen \(s.indication). "
            + "Dette er bruk utenfor godkjent indikasjon (off-label). Det skal ikke søkes om godkjenningsfritak (R2)."
        var steps = [
            "Ikke søk DMP om godkjenningsfritak: legemiddelet har MT.",
            "Informer pasienten om at bruken er utenfor godkjent indikasjon, og dokumenter begrunnelsen i journalen.",
        ]
        if helfoApplies {
            rules.insert(.r3)
            explanation +=
                " Helfo har avslått individuell refusjon, så helseforetakets godkjenningsløp kan brukes (R3)."
        }
        if s.trustPays {
            rules.insert(.r13)
            explanation += " Helseforetaket skal betale, så direktør medisin og helsefag må godkjenne (R13)."
            steps.append(
                "Send søknad i helseforetakets søknadsportal: fagansvarlig leder, forankringsansvarlig leder, "
                    + "vurderingskomiteen og direktør medisin og helsefag.")
        }
        return RouteDecision(
            route: .offLabel, agencyApplication: .none, trustApproval: s.trustPays, applicantMayApply: true,
            rules: rules, explanation: explanation, nextSteps: steps)
    }

    /// Coded indications decide where the catalogue has them; otherwise the prescriber's reading of the SmPC.
    private func indicationIsCovered(_ s: Scenario, _ m: Medicine) throws(ValidationFailure) -> Bool {
        guard !m.approvedIndications.isEmpty else {
            guard let covered = s.indicationCovered else {
                throw ValidationFailure(
                    field: "indicationCovered",
                    message: "katalogen har ingen kodede godkjente indikasjoner for \(m.name); oppgi om "
                        + "preparatomtalen dekker indikasjonen (true/false)")
            }
            return covered
        }
        let coded = m.approvedIndications.contains { Codes.indication($0, covers: s.indication) }
        if let stated = s.indicationCovered, stated != coded {
            throw ValidationFailure(
                field: "indicationCovered",
                message: "motsier katalogens godkjente indikasjoner for \(m.name) "
                    + "(\(m.approvedIndications.joined(separator: ", "))); utelat feltet eller rett det")
        }
        return coded
    }

    // MARK: - Step 4: no Norwegian MT (R9, R10, R6, R11, R7, R8, R12, R13)

    private func unlicensed(_ s: Scenario, _ m: Medicine) -> RouteDecision {
        let finance = TrustFinancing(trustPays: s.trustPays)

        if let replaced = m.replacedByMarketedProductOn, replaced <= s.date {
            let day = replaced.days(until: s.date)
            if day <= RouteEngine.transitionPeriodDays {
                return RouteDecision(
                    route: .transitionPeriod, agencyApplication: .none, trustApproval: s.trustPays,
                    applicantMayApply: true, rules: finance.rules([.r9]),
                    explanation: "Et legemiddel med MT kom på markedet \(replaced.norwegian) og erstatter \(m.name). "
                        + "I en overgangsperiode på inntil \(RouteEngine.transitionPeriodDays) dager kan det "
                        + "uregistrerte legemiddelet fortsatt utleveres uten ny søknad; dette er dag \(day) (R9)."
                        + finance.sentence,
                    nextSteps: [
                        "Ingen ny søknad om godkjenningsfritak trengs i overgangsperioden.",
                        "Planlegg bytte til legemiddelet med MT før dag \(RouteEngine.transitionPeriodDays + 1) "
                            + "(\(dateAfter(replaced, days: RouteEngine.transitionPeriodDays + 1))).",
                    ] + finance.steps)
            }
        }

        if s.generalShortagePermission {
            return RouteDecision(
                route: .shortageSwitch, agencyApplication: .none, trustApproval: s.trustPays, applicantMayApply: true,
                rules: finance.rules([.r10]),
                explanation: "Det gjelder en generell tillatelse ved mangel. Apoteket kan bytte til en utenlandsk "
                    + "pakning av \(m.name) uten søknad til DMP (R10)." + finance.sentence,
                nextSteps: ["Apoteket bytter under den generelle mangeltillatelsen; ingen søknad trengs."]
                    + finance.steps)
        }

        if m.earlyPhase {
            return earlyPhase(s, m, finance: finance)
        }
        return exemption(s, m, finance: finance)
    }

    /// R6: compassionate use of a new early-phase medicine (seed 000, 001).
    private func earlyPhase(_ s: Scenario, _ m: Medicine, finance: TrustFinancing) -> RouteDecision {
        var steps: [String] = []
        if m.nationalCompassionateUseList && m.nationalStandardAgreement == .none {
            steps.append(
                "\(m.name) står på den nasjonale CU-listen: en nasjonal standardavtale må inngås via "
                    + "Sykehusinnkjøp før behandlingen starter.")
        }
        if !s.patient.informedConsent {
            steps.append("Innhent og dokumenter pasientens informerte samtykke før behandling.")
        }
        if s.patient.eligibleForClinicalTrial {
            steps.append("Pasienten er aktuell for en klinisk studie: vurder studien før compassionate use.")
        }
        if m.compassionateUseProgramme == .active {
            return RouteDecision(
                route: .compassionateUseProgramme, agencyApplication: .none, trustApproval: s.trustPays,
                applicantMayApply: true, rules: finance.rules([.r6]),
                explanation: "\(m.name) er et nytt legemiddel i tidlig fase uten MT, og DMP har godkjent "
                    + "et compassionate use-program (CUP). Behandlingen skjer innenfor programmet (R6)."
                    + finance.sentence,
                nextSteps: steps + [
                    "Kontakt leverende sykehusapotek og returner apotekets rekvisisjonsskjema.",
                    "Apoteket kontrollerer at nasjonal avtale finnes og fyller ut standardavtalen med leverandøren.",
                    "Nivå 2-leder godkjenner at kostnadene belastes avdelingen.",
                ] + finance.steps)
        }
        let fatal =
            s.patient.fatalWithoutAlternatives
            ? "Pasienten har en dødelig sykdom uten behandlingsalternativ, og det skal fremgå av søknaden."
            : "Søknaden må begrunne hvorfor pasienten ikke kan behandles med et markedsført legemiddel."
        return RouteDecision(
            route: .namedPatient, agencyApplication: .agencyDecision, trustApproval: s.trustPays,
            applicantMayApply: true, rules: finance.rules([.r6, .r8, .r12]),
            explanation: "\(m.name) er et nytt legemiddel i tidlig fase uten MT og uten godkjent program. Bruk for "
                + "enkeltpasient (CUNP) krever godkjenningsfritak som DMP avgjør (legemiddelforskriften "
                + "§ 2-5 åttende ledd), pluss individuell søknad til produsenten (R6, R8). " + fatal
                + finance.sentence,
            nextSteps: steps + [
                "Før første bruk i helseforetaket: minst to spesialister vurderer behandlingen for pasientgruppen, "
                    + "og den begrunnede forespørselen går til seksjonsoverlegen.",
                "Søk DMP om godkjenningsfritak: oppgi dokumentasjonen (studiefaser, antall pasienter), "
                    + "at sykdommen er dødelig uten alternativ, om pasienten kan delta i klinisk studie, og samtykke.",
                "Send individuell søknad til produsenten uten sensitive pasientopplysninger.",
                "Nivå 2-leder sørger for at direktør medisin og helsefag informeres om hver pasient som inkluderes.",
            ] + finance.steps)
    }

    /// R11, R7, R8, R12: approval exemption by notification or by agency decision.
    private func exemption(_ s: Scenario, _ m: Medicine, finance: TrustFinancing) -> RouteDecision {
        var rules: Set<RuleID> = [.r12]
        var mayApply = true
        var cannabisNote = ""
        var steps: [String] = []
        if let thc = m.thcPercent {
            rules.insert(.r11)
            let thcText = thc.formatted(decimals: 2)
            if thc > RouteEngine.cannabisTHCLimitPercent {
                let hospitalSpecialist = s.applicant.kind == .hospitalSpecialist && s.applicant.setting == .hospital
                mayApply = hospitalSpecialist
                cannabisNote =
                    hospitalSpecialist
                    ? " \(m.name) har \(thcText) % THC; som spesialist ansatt på sykehus kan du søke (R11)."
                    : " \(m.name) har \(thcText) % THC, over 1 %: bare spesialister ansatt på sykehus kan søke (R11)."
                if !hospitalSpecialist {
                    steps.append("Henvis pasienten til en spesialist ansatt på sykehus, som kan vurdere å søke.")
                }
            } else {
                cannabisNote = " \(m.name) har \(thcText) % THC, høyst 1 %: enhver lege kan søke (R11)."
            }
        }
        let qualifying = notificationCountries.qualifying(m.foreignAuthorisations)
        // FEST's TypeSoknadSlv overrides the country list: 3 sends every application to the agency; 2 lets the
        // pharmacy notify when nothing else forbids it (issue 8).
        let festAgency = m.exemptionApplicationType == .agencyDecides
        let festPharmacy = m.exemptionApplicationType == .pharmacyDecides
        if (!qualifying.isEmpty || festPharmacy) && !m.negativeList && !festAgency {
            let names = qualifying.map(\.norwegianName).joined(separator: ", ")
            let basis =
                qualifying.isEmpty
                ? "FEST angir at apoteket kan velge notifisering (TypeSoknadSlv 2)"
                : "har MT i \(names), som står på DMPs liste over notifiseringsland"
            return RouteDecision(
                route: .exemptionNotification, agencyApplication: .notification, trustApproval: s.trustPays,
                applicantMayApply: mayApply, rules: finance.rules(rules.union([.r7])),
                explanation: "\(m.name) har ikke norsk MT, men \(basis), og legemiddelet er ikke på "
                    + "negativlisten. Apoteket kan utlevere "
                    + "på notifisering uten forhåndsvedtak fra DMP (R7)." + cannabisNote
                    + finance.sentence,
                nextSteps: steps + [
                    "Fyll ut søknad om godkjenningsfritak med medisinsk begrunnelse (hvorfor et markedsført "
                        + "legemiddel ikke kan brukes) og lever den til apoteket.",
                    "Apoteket notifiserer DMP og utleverer; fritaket gjelder en angitt mengde eller høyst "
                        + "ett år.",
                ] + finance.steps)
        }
        let reason =
            m.negativeList
            ? "står på DMPs negativliste"
            : festAgency
                ? "FEST krever søknad til DMP (TypeSoknadSlv 3)"
                : m.foreignAuthorisations.isEmpty
                    ? "har ikke MT i noe annet land" : "har ikke MT i et land som gir rett til notifisering"
        return RouteDecision(
            route: .exemptionAgency, agencyApplication: .agencyDecision, trustApproval: s.trustPays,
            applicantMayApply: mayApply, rules: finance.rules(rules.union([.r8])),
            explanation: "\(m.name) har ikke norsk MT og \(reason). DMP må avgjøre søknaden om "
                + "godkjenningsfritak (legemiddelforskriften § 2-5 åttende ledd): den må være medisinsk begrunnet, og "
                + "forskrivningen skjer på legens personlige ansvar (R8)." + cannabisNote + finance.sentence,
            nextSteps: steps + [
                "Send medisinsk begrunnet søknad om godkjenningsfritak til DMP (elektronisk søknad "
                    + "avgjøres normalt innen 3 virkedager, papir innen 14 dager).",
                "Apoteket utleverer først når DMP har innvilget søknaden.",
            ] + finance.steps)
    }

    private func dateAfter(_ date: CalendarDate, days: Int) -> String {
        date.addingDays(days)?.norwegian ?? "etter år 9999"
    }
}

/// R13: whenever the trust pays for treatment outside the approved indication, its medical director approves.
private struct TrustFinancing {
    let trustPays: Bool

    func rules(_ base: Set<RuleID>) -> Set<RuleID> { trustPays ? base.union([.r13]) : base }

    var sentence: String {
        trustPays ? " Helseforetaket skal betale, så direktør medisin og helsefag må godkjenne (R13)." : ""
    }

    var steps: [String] {
        trustPays
            ? [
                "Send søknad i helseforetakets søknadsportal slik at direktør medisin og helsefag kan godkjenne "
                    + "finansieringen."
            ]
            : []
    }
}

extension Double {
    /// Norwegian decimal notation with a comma, trailing zero decimals dropped (22.0 → "22", 0.5 → "0,5").
    func formatted(decimals: Int) -> String {
        let factor = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        let rounded = (self * factor).rounded() / factor
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded).replacingOccurrences(of: ".", with: ",")
    }
}
