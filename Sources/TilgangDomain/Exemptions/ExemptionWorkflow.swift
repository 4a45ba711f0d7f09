/// Something done to an exemption application at the agency desk or by its applicant.
public enum ExemptionAction: Hashable, Sendable {
    /// The officer records (or revises) the individual assessment; the case is then under assessment.
    case assess(ExemptionAssessment)
    case approve(reasons: String)
    case refuse(reasons: String)
    /// The applicant appeals a refusal within `appealDays` of the decision.
    case appeal(grounds: String)
    /// The agency upholds its refusal and sends the appeal to the ministry.
    case forwardToMinistry(note: String)
    /// The ministry's outcome, recorded by the officer.
    case recordMinistryOutcome(allowed: Bool, note: String)

    public var name: String {
        switch self {
        case .assess: "assess"
        case .approve: "approve"
        case .refuse: "refuse"
        case .appeal: "appeal"
        case .forwardToMinistry: "forward_to_ministry"
        case .recordMinistryOutcome: "record_ministry_outcome"
        }
    }
}

public struct ExemptionActor: Hashable, Sendable {
    public let personID: String
    public let role: Role

    public init(personID: String, role: Role) {
        self.personID = personID
        self.role = role
    }
}

/// What the workflow needs to know about an application.
public struct ExemptionSnapshot: Hashable, Sendable {
    public var state: ExemptionState
    public var applicantID: String
    public var assessment: ExemptionAssessment?
    public var decidedOn: CalendarDate?

    public init(
        state: ExemptionState, applicantID: String, assessment: ExemptionAssessment? = nil,
        decidedOn: CalendarDate? = nil
    ) {
        self.state = state
        self.applicantID = applicantID
        self.assessment = assessment
        self.decidedOn = decidedOn
    }
}

public struct ExemptionTransition: Hashable, Sendable {
    public let from: ExemptionState
    public let to: ExemptionState
    public let action: String
    public let text: String?
    public let assessment: ExemptionAssessment?
}

public enum ExemptionError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAllowedInState(action: String, state: ExemptionState)
    case onlyAgencyOfficer
    case onlyApplicant
    case missing(field: String)
    case assessmentFirst
    case appealDeadlinePassed(lastDay: CalendarDate)

    public var description: String {
        switch self {
        case .notAllowedInState(let action, let state):
            "Handlingen «\(action)» kan ikke gjøres når saken har status «\(state.title)»."
        case .onlyAgencyOfficer: "Bare saksbehandlere i DMP kan gjøre dette."
        case .onlyApplicant: "Bare søkeren kan klage på vedtaket."
        case .missing(let field): "Feltet «\(field)» må fylles ut."
        case .assessmentFirst: "Vurderingen må registreres før vedtaket."
        case .appealDeadlinePassed(let day): "Klagefristen gikk ut \(day.norwegian)."
        }
    }

    /// The field the error is about, when there is one (for 422 responses).
    public var field: String? {
        if case .missing(let field) = self { return field }
        return nil
    }
}

/// The agency desk as a state machine (SPEC §6): submitted → under assessment (individual assessment recorded)
/// → approved or refused with individual reasons → appeal by the applicant → the agency forwards it to the
/// ministry → the ministry's outcome. Pure: the caller stores the transition it returns.
public enum ExemptionWorkflow {
    /// Forvaltningsloven § 29: three weeks to appeal from the decision.
    public static let appealDays = 21

    public static func apply(
        _ action: ExemptionAction, by actor: ExemptionActor, to snapshot: ExemptionSnapshot, today: CalendarDate
    ) throws(ExemptionError) -> ExemptionTransition {
        let state = snapshot.state
        func transition(_ to: ExemptionState, _ text: String?, _ assessment: ExemptionAssessment? = nil)
            -> ExemptionTransition
        {
            ExemptionTransition(from: state, to: to, action: action.name, text: text, assessment: assessment)
        }
        func required(_ text: String, _ field: String) throws(ExemptionError) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .missing(field: field) }
            return trimmed
        }

        if case .appeal = action {
            guard actor.personID == snapshot.applicantID else { throw .onlyApplicant }
        } else {
            guard actor.role == .agencyOfficer else { throw .onlyAgencyOfficer }
        }
        switch (action, state) {
        case (.assess(let assessment), .submitted), (.assess(let assessment), .underAssessment):
            if let field = assessment.missingFields.first { throw .missing(field: field) }
            return transition(.underAssessment, nil, assessment)
        case (.approve(let reasons), .underAssessment), (.refuse(let reasons), .underAssessment):
            guard snapshot.assessment != nil else { throw .assessmentFirst }
            let text = try required(reasons, "reasons")
            if case .approve = action { return transition(.approved, text) }
            return transition(.refused, text)
        case (.approve, .submitted), (.refuse, .submitted):
            throw .assessmentFirst
        case (.appeal(let grounds), .refused):
            let lastDay = snapshot.decidedOn?.addingDays(appealDays)
            if let lastDay, today > lastDay { throw .appealDeadlinePassed(lastDay: lastDay) }
            return transition(.appealed, try required(grounds, "grounds"))
        case (.forwardToMinistry(let note), .appealed):
            return transition(.withMinistry, try required(note, "note"))
        case (.recordMinistryOutcome(let allowed, let note), .withMinistry):
            return transition(allowed ? .appealAllowed : .appealDismissed, try required(note, "note"))
        default:
            throw .notAllowedInState(action: action.name, state: state)
        }
    }
}
