import TilgangDomain
import Vapor

/// «Sak»: everything about one case, with the actions open to this user.
struct CaseDetailContext: Encodable {
    struct TransitionView: Encodable {
        let at: String
        let actor: String
        let role: String
        let trust: String
        let onBehalfOf: String?
        let from: String
        let to: String
        let comment: String?
        let benefit: String?
        let resourceUse: String?
        let severity: String?
        /// The action's code, for the templates' choices; never shown.
        let action: String
        /// What the step did, in words («Vurdering registrert», «Søknaden endret»).
        let actionTitle: String
        /// Chain v2: the step's conclusion in words, its reasons and the committee members who took part.
        let assessmentTitle: String?
        let assessment: String?
        let members: String?
        let objection: Bool
        let amendments: [AmendmentView]
    }

    /// One changed field of an amended application: its Norwegian label, before and after.
    struct AmendmentView: Encodable {
        let label: String
        let before: String
        let after: String
    }

    /// What the assess form offers at this step (chain v2).
    struct AssessForm: Encodable {
        let kinds: [SelectOption]
        let requiresPriority: Bool
        let requiresMembers: Bool
        /// The trust's committee; the one recording the recommendation takes part and is checked.
        let committee: [SelectOption]
    }

    struct Link: Encodable {
        let id: String
        let caseNumber: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CaseDTO
    let maskedPatient: String?
    let printedAt: String
    let created: String
    let decided: String?
    let transitions: [TransitionView]
    /// The history's items, written by `TransitionListHTML` (the case page); the archive copy loops itself.
    var history = ""
    let actions: [CaseActionView]
    let message: String?
    let approved: Bool
    /// Who the case waits for now, or whom to appoint first (`CaseAssignmentService`).
    let waitingFor: String?
    /// The route in words («Bruk utenfor godkjent indikasjon»), not its code, and its rules («R2 og R13»).
    let routeTitle: String
    let rules: String
    /// Every step's assessment since the application was last sent, shown above the decision.
    var assessments: [TransitionView] = []
    var assessForm: AssessForm? = nil
    /// The applicant may edit the application now (it is with them), or revise it into a new one (refused).
    var mayEdit = false
    var mayRevise = false
    var revises: Link? = nil
    var revisions: [Link] = []
    /// What was typed into an action form that was refused, so nothing typed is lost.
    var typed: CaseActionInput? = nil
    /// The free texts of a refused action, shown apart when the form they came from is gone (the case moved on).
    var unsavedText: [String]? = nil
    /// The archive copy names organisations in full and carries the decision as its own block.
    var trustName = ""
    var patientTrustName = ""
    var departmentName = ""
    var decision: TransitionView? = nil

    static func unsaved(_ typed: CaseActionInput?, actions: [CaseActionView]) -> [String]? {
        guard let typed, !actions.contains(where: { $0.action == typed.action }) else { return nil }
        let texts = [typed.assessment, typed.comment, typed.benefit, typed.resourceUse, typed.severity]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return texts.isEmpty ? nil : texts
    }
    /// The «Vedlegg» section (`cases/attachments.leaf`).
    var attachments: AttachmentSection?
    /// Set when the user reads under a grant of access to earlier applications: the page says so and offers
    /// nothing to do.
    var readOnlyGrant: String?

    static func rules(_ ids: [String]) -> String {
        ids.count <= 1 ? (ids.first ?? "") : ids.dropLast().joined(separator: ", ") + " og " + (ids.last ?? "")
    }
}

extension CalendarDate {
    /// The calendar day of an instant in Europe/Oslo.
    init(osloDay date: Date) {
        self = AppClock.dayInOslo(date)
    }
}
