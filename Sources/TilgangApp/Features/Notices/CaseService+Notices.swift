import Fluent
import TilgangDomain
import Vapor

/// The case service's two hooks into the notices, kept out of `CaseService` itself. Both run after the case's
/// own write has committed and never fail the request: the step stands, and a notice that could not be stored is
/// logged (without patient data) instead.
extension CaseService {
    private static let noticeLogger = Logger(label: "tilgang.notices")

    /// Tells whoever can act on the case now (or, for a withdrawn case, whoever it waited for) about its last
    /// step; the applicant is told of a decision.
    func announceLastStep(of record: CaseRecord, by user: AuthenticatedUser) async {
        guard let step = record.history.last, let from = CaseState(rawValue: step.fromState),
            let to = CaseState(rawValue: step.toState)
        else { return }
        let event = CaseEvent(action: step.action, to: to)
        do {
            let applicantRole = try await identity.user(id: record.applicantID, on: database)?.role ?? .physician
            // A withdrawn case is closed: those it waited for are told they need not act.
            let history = event == .withdrawn ? Array(record.history.dropLast()) : record.history
            let snapshot = CaseSnapshot(
                state: event == .withdrawn ? from : to, chainVersion: record.chainVersion,
                applicantID: record.applicantID.uuidString, trustID: record.trustCode,
                departmentID: record.departmentCode, patientTrustID: record.patientTrustCode,
                history: history.map(\.domain), applicantRole: applicantRole)
            let (assignment, _) = try await CaseAssignmentService(database: database, today: clock.today)
                .assignment(of: snapshot)
            let recipients = NoticeRecipients.ids(
                assignment, event: event, applicantID: record.applicantID, excluding: user.id)
            try await NoticeService(database: database, clock: clock).announce(
                .init(
                    caseID: record.id, caseNumber: record.caseNumber, caseVersion: record.version, state: to,
                    event: event),
                to: recipients)
        } catch {
            Self.noticeLogger.error(
                "Varsler om sak \(record.caseNumber) ble ikke lagret (\(String(reflecting: type(of: error))))")
        }
    }

    /// The reader's notices of the case are read once the case is.
    func markNoticesRead(of record: CaseRecord, by user: AuthenticatedUser) async {
        do {
            try await NoticeService(database: database, clock: clock).markRead(caseID: record.id, userID: user.id)
        } catch {
            Self.noticeLogger.error(
                "Varsler om sak \(record.caseNumber) ble ikke merket lest (\(String(reflecting: type(of: error))))")
        }
    }
}
