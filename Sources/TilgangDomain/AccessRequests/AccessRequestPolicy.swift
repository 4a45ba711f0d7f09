/// Who may ask for access to earlier applications and who may decide (issue 19): a physician in a prescribing
/// role with a department asks; the head of that department (or whoever stands in for them today) decides;
/// nobody decides their own request, neither in their own name nor as a stand-in.
public enum AccessRequestPolicy {
    /// The roles that treat patients and apply (the same as `CaseService.applicantRoles`).
    public static let requesterRoles: Set<Role> = [.physician, .departmentHead, .sectionChief]

    public static func mayRequest(role: Role, department: String?) -> Bool {
        requesterRoles.contains(role) && department != nil
    }

    /// One way a person can decide: in their own role, or in the role of the leader they stand in for.
    public struct Decider: Sendable {
        public let personID: String
        /// The leader stood in for; nil when acting in their own role.
        public let principalID: String?
        public let role: Role
        public let trust: String
        public let department: String?

        public init(personID: String, principalID: String?, role: Role, trust: String, department: String?) {
            self.personID = personID
            self.principalID = principalID
            self.role = role
            self.trust = trust
            self.department = department
        }
    }

    /// Whether `decider` may grant, refuse or revoke a request that `requesterID` made in `trust`/`department`.
    public static func mayDecide(
        _ decider: Decider, requesterID: String, trust: String, department: String
    ) -> Bool {
        decider.role == .departmentHead && decider.trust == trust && decider.department == department
            && decider.personID != requesterID && decider.principalID != requesterID
    }
}
