/// The simplified hospital routine (SPEC §6): the hospital pharmacy compiles a department's exemptions for a year
/// as one list, and the department's responsible consultant signs it. Signed, it covers the department for that
/// calendar year; an unsigned list covers nothing.
public enum DepartmentExemptionList {
    /// Who may sign for a department: its responsible consultant (department head or section chief).
    public static let signerRoles: Set<Role> = [.departmentHead, .sectionChief]

    public enum SignError: Error, Hashable, Sendable, CustomStringConvertible {
        case alreadySigned
        case wrongRole
        case otherDepartment
        case empty

        public var description: String {
            switch self {
            case .alreadySigned: "Listen er allerede signert."
            case .wrongRole:
                "Listen signeres av avdelingens ansvarlige overlege (fagansvarlig leder eller seksjonsoverlege)."
            case .otherDepartment: "Du kan bare signere listen for din egen avdeling."
            case .empty: "Listen har ingen legemidler."
            }
        }
    }

    public static func checkSigner(
        role: Role, trust: String, department: String?, listTrust: String, listDepartment: String, itemCount: Int,
        signed: Bool
    ) throws(SignError) {
        if signed { throw .alreadySigned }
        guard signerRoles.contains(role) else { throw .wrongRole }
        guard trust == listTrust, department == listDepartment else { throw .otherDepartment }
        guard itemCount > 0 else { throw .empty }
    }

    /// The calendar year a signed list covers.
    public static func period(year: Int) -> (from: CalendarDate, until: CalendarDate)? {
        guard let from = CalendarDate(year: year, month: 1, day: 1),
            let until = CalendarDate(year: year, month: 12, day: 31)
        else { return nil }
        return (from, until)
    }
}
