/// Who can move a case on now (`ApprovalWorkflow.assignment`). No case is ever left with nobody able to act
/// (SPEC §5.12): when none of the people at hand may take the step, the case says whom to appoint.
public enum CaseAssignment: Hashable, Sendable {
    /// Decided or withdrawn: nobody acts on the case any more.
    case closed
    /// With the applicant (id): to submit, amend and resubmit, or supply what the committee asked for.
    case applicant(String)
    /// These candidates can take the step: the step's own role holders first, then stand-ins, then the next
    /// leader up.
    case reviewers([CaseActor])
    /// None of the candidates may take the step; this appointment is needed first.
    case needsAppointment(NeededAppointment)
}

/// The appointment a case needs before anyone can take its current step: a person in `role` in the step's
/// organisation, who is not among `excluded` — or, where the applicant holds the role, a stand-in for them.
public struct NeededAppointment: Hashable, Sendable, CustomStringConvertible {
    /// Why nobody at hand may take the step.
    public enum Reason: Hashable, Sendable {
        /// The applicant holds the step's role, and neither a stand-in nor the next leader up is at hand.
        case ownApplication
        /// These people hold the role but acted on another step of the case (four eyes).
        case fourEyes(barred: [String])
        /// Nobody at hand holds the role in the step's organisation.
        case vacant
    }

    /// The step waiting for someone.
    public let state: CaseState
    /// The role the appointee must hold, or act in as a stand-in.
    public let role: Role
    public let trustID: String
    /// For the department head's step: the applicant's department.
    public let departmentID: String?
    /// The applicant holds the role, so a stand-in for the applicant may also take the step (SPEC §5.12).
    public let applicantMayHaveStandIn: Bool
    /// Who may not take the step, even as someone's stand-in: the applicant and everyone who acted on another
    /// step of the case.
    public let excluded: [String]
    public let reason: Reason

    /// Norwegian, for the case page and the administrator.
    public var description: String {
        let unit = departmentID.map { "avdeling \($0) i \(trustID)" } ?? trustID
        let why: String =
            switch reason {
            case .ownApplication: "søkeren har selv rollen «\(role.title)»"
            case .fourEyes: "alle med rollen har behandlet et annet steg i saken (fire øyne)"
            case .vacant: "ingen har rollen «\(role.title)» i \(unit)"
            }
        let standIn = applicantMayHaveStandIn ? " eller en stedfortreder for søkeren" : ""
        return """
            Ingen kan behandle steget «\(state.title)»: \(why). Oppnevn en person med rollen «\(role.title)» \
            i \(unit)\(standIn) som ikke har behandlet saken før, og ikke som stedfortreder for noen som har det.
            """
    }
}
