/// The agency's decision on an approval-exemption application as a letter to the applicant and the pharmacy:
/// an approval with its scope, period and conditions, or a refusal with the individual reasons and the right to
/// appeal and its deadline (forvaltningsloven §§ 24–29). Nil facts make no letter: only a decided case has one.
public struct DecisionLetter: Hashable, Sendable, Codable {
    public let reference: String
    public let decidedOn: CalendarDate
    public let approved: Bool
    /// «Vedtak om godkjenningsfritak» / «Vedtak om avslag på søknad om godkjenningsfritak».
    public let title: String
    public let recipient: String
    /// What was applied for: the medicine, the indication and whom it concerns.
    public let subject: String
    /// The decision and, for an approval, scope, period, quantity and conditions.
    public let decision: [String]
    /// The individual reasons (forvaltningsloven § 24–25); for an approval, the grounds in short.
    public let reasons: String
    /// The right to appeal, where to and by when (§§ 28–29); nil for an approval.
    public let appeal: String?
    /// The last day to appeal, three weeks after the decision (§ 29); nil for an approval.
    public let appealDeadline: CalendarDate?
    public let signature: String

    public struct Facts: Sendable {
        public let reference: String
        public let state: ExemptionState
        public let decidedOn: CalendarDate?
        public let reasons: String?
        public let prescriberName: String
        public let medicineName: String
        public let indication: String
        public let scope: ExemptionScope
        public let species: String
        public let quantity: String
        public let validFrom: CalendarDate
        public let validUntil: CalendarDate

        public init(
            reference: String, state: ExemptionState, decidedOn: CalendarDate?, reasons: String?,
            prescriberName: String, medicineName: String, indication: String, scope: ExemptionScope,
            species: String, quantity: String, validFrom: CalendarDate, validUntil: CalendarDate
        ) {
            self.reference = reference
            self.state = state
            self.decidedOn = decidedOn
            self.reasons = reasons
            self.prescriberName = prescriberName
            self.medicineName = medicineName
            self.indication = indication
            self.scope = scope
            self.species = species
            self.quantity = quantity
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    /// The letter for a decided application; nil while it is undecided.
    public static func make(_ facts: Facts) -> DecisionLetter? {
        guard let decided = facts.decidedOn else { return nil }
        let approved: Bool
        switch facts.state {
        case .approved, .appealAllowed: approved = true
        case .refused, .appealed, .withMinistry, .appealDismissed: approved = false
        default: return nil
        }
        let whom = facts.species == "animal" ? "dyr" : facts.scope.title.lowercased()
        let subject =
            "Søknad om godkjenningsfritak for \(facts.medicineName) ved \(facts.indication) (\(whom)), "
            + "referanse \(facts.reference)."
        let reasons = (facts.reasons ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if approved {
            return DecisionLetter(
                reference: facts.reference, decidedOn: decided, approved: true,
                title: "Vedtak om godkjenningsfritak", recipient: facts.prescriberName, subject: subject,
                decision: [
                    "Direktoratet for medisinske produkter (DMP) innvilger godkjenningsfritak for \(facts.medicineName).",
                    "Omfang: \(facts.scope.title). Mengde: \(facts.quantity).",
                    "Gyldig fra \(facts.validFrom.norwegian) til og med \(facts.validUntil.norwegian). Apoteket kan "
                        + "utlevere legemidlet i denne perioden mot resept og dette vedtaket.",
                    "Forskriveren har ansvaret for bruken og skal melde mistenkte bivirkninger til DMP.",
                ],
                reasons: reasons.isEmpty ? "Vilkårene for godkjenningsfritak er oppfylt." : reasons,
                appeal: nil, appealDeadline: nil, signature: "Direktoratet for medisinske produkter (DMP)")
        }
        let deadline = decided.addingDays(ExemptionWorkflow.appealDays) ?? decided
        return DecisionLetter(
            reference: facts.reference, decidedOn: decided, approved: false,
            title: "Vedtak om avslag på søknad om godkjenningsfritak", recipient: facts.prescriberName,
            subject: subject,
            decision: ["Direktoratet for medisinske produkter (DMP) avslår søknaden om godkjenningsfritak."],
            reasons: reasons.isEmpty ? "Begrunnelsen er ikke registrert." : reasons,
            appeal:
                "Vedtaket kan påklages til Helse- og omsorgsdepartementet (forvaltningsloven § 28). Klagen sendes til "
                + "DMP innen tre uker fra vedtaket ble mottatt (§ 29), senest \(deadline.norwegian). Klagen skal nevne "
                + "vedtaket, hva som ønskes endret og begrunnelsen (§ 32). Dere har rett til å se sakens dokumenter "
                + "(§§ 18 og 19).",
            appealDeadline: deadline, signature: "Direktoratet for medisinske produkter (DMP)")
    }
}
