import Foundation
import TilgangDomain

/// Who is told of a step: whoever can act on the case now (`CaseAssignment`: the applicant when it is with them,
/// else the step's role holders in its scope and today's stand-ins), the applicant of a decision, never the
/// person who took the step.
enum NoticeRecipients {
    static func ids(
        _ assignment: CaseAssignment, event: CaseEvent, applicantID: UUID, excluding actorID: UUID
    ) -> [UUID] {
        var ids: [UUID]
        if event.isDecision {
            ids = [applicantID]
        } else {
            switch assignment {
            case .applicant(let id): ids = UUID(uuidString: id).map { [$0] } ?? []
            case .reviewers(let actors): ids = actors.compactMap { UUID(uuidString: $0.personID) }
            // Nobody can act: the case page says whom to appoint; there is no one to tell yet.
            case .closed, .needsAppointment: ids = []
            }
        }
        var unique: [UUID] = []
        for id in ids where id != actorID && !unique.contains(id) { unique.append(id) }
        return unique
    }
}
