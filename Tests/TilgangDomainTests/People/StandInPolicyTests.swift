import Testing

@testable import TilgangDomain

@Suite struct StandInPolicyTests {
    let today = CalendarDate(year: 2026, month: 11, day: 29)!

    func person(_ role: Role, _ trust: String = "SI", _ department: String? = "SI-NEVRO") -> StandInPolicy.Person {
        .init(role: role, organisation: trust, departmentCode: department)
    }

    func errors(
        principal: Role, substitute: StandInPolicy.Person?, days: Int = 14, startingIn: Int = 0
    ) -> [FieldError] {
        let from = today.addingDays(startingIn)
        return StandInPolicy.check(
            principal: person(principal), substitute: substitute, isSamePerson: false, from: from,
            to: from?.addingDays(days - 1), today: today)
    }

    @Test(arguments: Role.allCases)
    func everyRoleEitherHasEligibleStandInsOrNone(principal: Role) {
        // given every role as substitute
        for candidate in Role.allCases {
            // when
            let found = errors(principal: principal, substitute: person(candidate))
            // then: allowed exactly when the table says so
            let allowed = StandInPolicy.eligibleRoles(for: principal).contains(candidate)
            #expect(found.isEmpty == allowed, "\(principal) ← \(candidate): \(found)")
        }
    }

    @Test func anAdministratorOrAPhysicianIsNeverADepartmentHeadsStandIn() {
        #expect(!errors(principal: .departmentHead, substitute: person(.administrator)).isEmpty)
        #expect(!errors(principal: .departmentHead, substitute: person(.physician)).isEmpty)
    }

    @Test func anotherTrustOrAnotherDepartmentIsRefused() {
        #expect(
            errors(principal: .departmentHead, substitute: person(.sectionChief, "HB")).map(\.field) == ["substitute"])
        #expect(
            errors(principal: .departmentHead, substitute: person(.sectionChief, "SI", "SI-KIR")).map(\.field)
                == ["substitute"])
        // a division director's stand-in need not be in the same department
        #expect(errors(principal: .divisionDirector, substitute: person(.departmentHead, "SI", "SI-KIR")).isEmpty)
    }

    @Test func theLongestAppointmentIsNinetyDaysAndNoneStartsInThePast() {
        let chief = person(.sectionChief)
        #expect(errors(principal: .departmentHead, substitute: chief, days: 90).isEmpty)
        #expect(errors(principal: .departmentHead, substitute: chief, days: 91).map(\.field) == ["to"])
        #expect(errors(principal: .departmentHead, substitute: chief, startingIn: -1).map(\.field) == ["from"])
        // 2020–2099, as the review tried
        let long = StandInPolicy.check(
            principal: person(.departmentHead), substitute: chief, isSamePerson: false,
            from: CalendarDate(year: 2020, month: 1, day: 1), to: CalendarDate(year: 2099, month: 12, day: 31),
            today: today)
        #expect(Set(long.map(\.field)) == ["from", "to"])
    }

    @Test func oneselfOrAnInactiveAccountIsRefused() {
        let inactive = StandInPolicy.Person(
            role: .sectionChief, organisation: "SI", departmentCode: "SI-NEVRO", active: false)
        #expect(errors(principal: .departmentHead, substitute: inactive).map(\.field) == ["substitute"])
        let me = StandInPolicy.check(
            principal: person(.departmentHead), substitute: person(.departmentHead), isSamePerson: true,
            from: today, to: today, today: today)
        #expect(me.map(\.field) == ["substitute"])
    }
}
