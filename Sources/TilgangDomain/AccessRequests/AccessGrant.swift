/// A department head's grant of read access to earlier applications for one patient in one department: all of
/// them, or one named colleague's. Only the physician who asked reads under it, only within its days, and only
/// what it names; it never lets anyone act on a case.
public struct AccessGrant: Sendable, Equatable {
    public let id: String
    public let requesterID: String
    public let trust: String
    public let department: String
    /// The keyed hash of the patient's identity number (the audit log's), never the number.
    public let patientKey: String
    /// Nil: every earlier application for the patient in the department.
    public let colleagueID: String?
    public let state: AccessRequestState
    public let firstDay: CalendarDate
    public let lastDay: CalendarDate

    public init(
        id: String, requesterID: String, trust: String, department: String, patientKey: String,
        colleagueID: String?, state: AccessRequestState, firstDay: CalendarDate, lastDay: CalendarDate
    ) {
        self.id = id
        self.requesterID = requesterID
        self.trust = trust
        self.department = department
        self.patientKey = patientKey
        self.colleagueID = colleagueID
        self.state = state
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// What the grant looks at on a case.
    public struct CaseFacts: Sendable {
        public let applicantID: String
        public let trust: String
        public let department: String
        public let patientKey: String?
        public let isDraft: Bool

        public init(applicantID: String, trust: String, department: String, patientKey: String?, isDraft: Bool) {
            self.applicantID = applicantID
            self.trust = trust
            self.department = department
            self.patientKey = patientKey
            self.isDraft = isDraft
        }
    }

    /// Granted, not revoked, and `day` within its period.
    public func isActive(on day: CalendarDate) -> Bool {
        state == .granted && firstDay <= day && day <= lastDay
    }

    /// Whether `readerID` may read the case under this grant on `day`. Drafts stay their applicant's alone.
    public func covers(_ facts: CaseFacts, for readerID: String, on day: CalendarDate) -> Bool {
        guard isActive(on: day), readerID == requesterID, !facts.isDraft, let key = facts.patientKey else {
            return false
        }
        return key == patientKey && facts.trust == trust && facts.department == department
            && (colleagueID == nil || colleagueID == facts.applicantID)
    }
}
