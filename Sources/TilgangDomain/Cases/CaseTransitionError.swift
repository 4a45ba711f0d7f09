/// Why an action on a case was refused. Messages are Norwegian, for the user.
public enum CaseTransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAllowedInState(action: String, state: CaseState)
    case wrongRole(required: Role)
    case wrongOrganisation
    case onlyApplicant
    case ownApplication
    case fourEyes(earlierStep: CaseState)
    case missing(field: String)
    case unknownChainVersion(Int)
    /// The step does not give this kind of assessment (the partner director comments or objects; the others
    /// recommend approval or refusal).
    case assessmentNotAllowed(kind: StepAssessment.Kind, state: CaseState)
    /// A committee member named on the recommendation is the applicant (`earlierStep` nil) or acted on another
    /// step of the case (four eyes).
    case memberMayNotTakePart(member: String, earlierStep: CaseState?)

    public var description: String {
        switch self {
        case .notAllowedInState(let action, let state):
            "Handlingen «\(action)» kan ikke gjøres når saken har status «\(state.title)»."
        case .wrongRole(let role): "Dette steget hører til rollen «\(role.title)»."
        case .wrongOrganisation: "Saken hører ikke til din enhet eller ditt helseforetak."
        case .onlyApplicant: "Bare søkeren kan gjøre dette."
        case .ownApplication: "Du kan ikke behandle din egen søknad."
        case .fourEyes(let step):
            "Du har allerede behandlet saken i steget «\(step.title)»; ingen kan behandle to steg i samme sak."
        case .missing(let field): "Feltet «\(field)» må fylles ut."
        case .unknownChainVersion(let version): "Ukjent versjon \(version) av godkjenningsløpet."
        case .assessmentNotAllowed(let kind, let state):
            "Vurderingen «\(kind.title)» kan ikke gis når saken har status «\(state.title)»."
        case .memberMayNotTakePart(let member, nil):
            "«\(member)» er søkeren og kan ikke delta i komiteens vurdering."
        case .memberMayNotTakePart(let member, let step?):
            "«\(member)» har behandlet saken i steget «\(step.title)» og kan ikke delta i komiteens vurdering."
        }
    }
}
