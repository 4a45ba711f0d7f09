/// Who may stand in for a leader, where, and for how long (docs/stand-ins.md).
///
/// A stand-in takes the principal's steps in the approval chain (seed 001: «Direktør medisin og helsefag og
/// dennes stedfortreder»), so they must hold a role that could take those steps in their own right or the
/// level just below, work in the same trust (and the same department where the step is a department's), and
/// serve for a bounded time that has not already passed.
public enum StandInPolicy {
    /// The longest appointment; a longer absence is a new appointment, so that it is looked at again.
    public static let maximumDays = 90

    /// The roles that may stand in for `principal`; empty for roles that have no stand-in.
    public static func eligibleRoles(for principal: Role) -> Set<Role> {
        switch principal {
        case .departmentHead: [.departmentHead, .sectionChief]
        case .divisionDirector: [.divisionDirector, .departmentHead]
        case .committeeMember: [.committeeMember]
        case .medicalDirector: [.medicalDirector, .divisionDirector]
        default: []
        }
    }

    /// Whether the principal's steps belong to a department, so the stand-in must work in the same one.
    public static func requiresSameDepartment(_ principal: Role) -> Bool { principal == .departmentHead }

    public struct Person: Sendable {
        public let role: Role
        public let organisation: String
        public let departmentCode: String?
        public let active: Bool

        public init(role: Role, organisation: String, departmentCode: String?, active: Bool = true) {
            self.role = role
            self.organisation = organisation
            self.departmentCode = departmentCode
            self.active = active
        }
    }

    /// Every reason the appointment is refused, named by field (`substitute`, `from`, `to`); empty when allowed.
    public static func check(
        principal: Person, substitute: Person?, isSamePerson: Bool, from: CalendarDate?, to: CalendarDate?,
        today: CalendarDate
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let eligible = eligibleRoles(for: principal.role)
        if eligible.isEmpty {
            errors.append(FieldError(field: "substitute", message: "din rolle har ikke stedfortreder i Tilgang"))
        } else if let substitute, substitute.active, !isSamePerson {
            if substitute.organisation != principal.organisation {
                errors.append(FieldError(field: "substitute", message: "må arbeide i samme helseforetak som deg"))
            } else if !eligible.contains(substitute.role) {
                let titles = eligible.map(\.title).sorted().joined(separator: " eller ")
                errors.append(FieldError(field: "substitute", message: "må ha rollen \(titles)"))
            } else if requiresSameDepartment(principal.role), substitute.departmentCode != principal.departmentCode {
                errors.append(FieldError(field: "substitute", message: "må arbeide i samme avdeling som deg"))
            }
        } else {
            errors.append(FieldError(field: "substitute", message: "må være en annen aktiv bruker"))
        }
        if from == nil { errors.append(FieldError(field: "from", message: "oppgi en gyldig dato (DD.MM.ÅÅÅÅ)")) }
        if to == nil { errors.append(FieldError(field: "to", message: "oppgi en gyldig dato (DD.MM.ÅÅÅÅ)")) }
        if let from, from < today {
            errors.append(FieldError(field: "from", message: "kan ikke være før i dag"))
        }
        if let from, let to {
            if to < from {
                errors.append(FieldError(field: "to", message: "kan ikke være før fra-dato"))
            } else if from.days(until: to) >= maximumDays {
                errors.append(FieldError(field: "to", message: "en oppnevning varer høyst \(maximumDays) dager"))
            }
        }
        return errors
    }
}
