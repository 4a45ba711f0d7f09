/// The route a medicine use takes (SPEC §4). Raw values are the API contract.
public enum Route: String, Codable, Sendable, CaseIterable {
    case onLabel = "on_label"
    case offLabel = "off_label"
    case helfoFirst = "helfo_first"
    case exceptionScheme = "exception_scheme"
    case accessScheme = "access_scheme"
    case notPermitted = "not_permitted"
    case compassionateUseProgramme = "compassionate_use_programme"
    case namedPatient = "named_patient"
    case exemptionNotification = "exemption_notification"
    case exemptionAgency = "exemption_agency"
    case transitionPeriod = "transition_period"
    case shortageSwitch = "shortage_switch"

    /// Norwegian name shown to users.
    public var title: String {
        switch self {
        case .onLabel: "Bruk innenfor godkjent indikasjon (on-label)"
        case .offLabel: "Bruk utenfor godkjent indikasjon (off-label)"
        case .helfoFirst: "Søk Helfo om individuell refusjon først"
        case .exceptionScheme: "Unntaksordningen (Nye metoder)"
        case .accessScheme: "Tilgangsordningen (Nye metoder)"
        case .notPermitted: "Ikke tillatt"
        case .compassionateUseProgramme: "Compassionate use-program (CUP)"
        case .namedPatient: "Compassionate use for enkeltpasient (CUNP)"
        case .exemptionNotification: "Godkjenningsfritak ved notifisering"
        case .exemptionAgency: "Godkjenningsfritak etter søknad til DMP"
        case .transitionPeriod: "Overgangsperiode (inntil 90 dager)"
        case .shortageSwitch: "Bytte ved generell mangeltillatelse"
        }
    }
}

/// Whether the medicines agency (DMP) must be involved before dispensing.
public enum AgencyApplication: String, Codable, Sendable, CaseIterable {
    case none
    /// The pharmacy dispenses on notification without a prior agency decision (R7).
    case notification
    /// The agency must decide the approval exemption (R8).
    case agencyDecision = "agency_decision"
}
