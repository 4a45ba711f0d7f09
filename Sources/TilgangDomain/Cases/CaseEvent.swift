/// What happened to a case in one step, as its notices and e-mails tell it (issue 17: nobody waits without
/// knowing). Named by the step's action and where the case went, never by anything in the application itself.
public enum CaseEvent: String, Codable, Sendable, CaseIterable {
    case submitted
    case movedOn = "moved_on"
    case returned
    case supplementRequested = "supplement_requested"
    case supplementSupplied = "supplement_supplied"
    case approved
    case refused
    case withdrawn

    public init(action: String, to state: CaseState) {
        switch (state, action) {
        case (.approved, _): self = .approved
        case (.refused, _): self = .refused
        case (.withdrawn, _): self = .withdrawn
        case (.returned, _): self = .returned
        case (.supplementRequested, _): self = .supplementRequested
        case (_, "submit"): self = .submitted
        case (_, "supply_supplement"): self = .supplementSupplied
        default: self = .movedOn
        }
    }

    /// A decision: the applicant is told even though nobody acts on the case any more.
    public var isDecision: Bool { self == .approved || self == .refused }

    /// Norwegian, for the notice list and the e-mail.
    public var title: String {
        switch self {
        case .submitted: "Søknaden er sendt inn"
        case .movedOn: "Saken er sendt videre"
        case .returned: "Saken er returnert til søkeren"
        case .supplementRequested: "Vurderingskomiteen ber om tilleggsopplysninger"
        case .supplementSupplied: "Tilleggsopplysningene er sendt inn"
        case .approved: "Søknaden er godkjent"
        case .refused: "Søknaden er avslått"
        case .withdrawn: "Søknaden er trukket"
        }
    }
}
