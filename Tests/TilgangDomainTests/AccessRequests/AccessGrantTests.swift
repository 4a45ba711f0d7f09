import Testing

@testable import TilgangDomain

@Suite struct AccessGrantTests {
    static let day = CalendarDate(year: 2026, month: 3, day: 1)!

    static func grant(
        state: AccessRequestState = .granted, colleague: String? = nil, days: Int = 30
    ) -> AccessGrant {
        AccessGrant(
            id: "g1", requesterID: "reader", trust: "SI", department: "SI-MED", patientKey: "patient-a",
            colleagueID: colleague, state: state, firstDay: day,
            lastDay: AccessGrantPeriod.lastDay(from: day, days: days)!)
    }

    static func facts(
        applicant: String = "colleague", trust: String = "SI", department: String = "SI-MED",
        patient: String? = "patient-a", draft: Bool = false
    ) -> AccessGrant.CaseFacts {
        .init(applicantID: applicant, trust: trust, department: department, patientKey: patient, isDraft: draft)
    }

    @Test func thePeriodIsThirtyDaysByDefaultAtMostNinetyAndItsLastDayCounts() throws {
        #expect(AccessGrantPeriod.defaultDays == 30 && AccessGrantPeriod.maximumDays == 90)
        // 30 days given on 01.03 run to and including 30.03
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: 30) == CalendarDate(year: 2026, month: 3, day: 30))
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: 1) == Self.day)
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: 90) == CalendarDate(year: 2026, month: 5, day: 29))
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: 91) == nil)
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: 0) == nil)
        #expect(AccessGrantPeriod.lastDay(from: Self.day, days: -5) == nil)
        let grant = Self.grant()
        let last = try #require(Self.day.addingDays(29))
        #expect(grant.covers(Self.facts(), for: "reader", on: last))
        #expect(!grant.covers(Self.facts(), for: "reader", on: try #require(last.addingDays(1))))
        #expect(!grant.covers(Self.facts(), for: "reader", on: try #require(Self.day.addingDays(-1))))
    }

    @Test func aGrantOpensOnlyItsPatientDepartmentTrustAndReader() {
        let grant = Self.grant()
        #expect(grant.covers(Self.facts(), for: "reader", on: Self.day))
        #expect(!grant.covers(Self.facts(patient: "patient-b"), for: "reader", on: Self.day))
        #expect(!grant.covers(Self.facts(patient: nil), for: "reader", on: Self.day), "a group application")
        #expect(!grant.covers(Self.facts(department: "SI-PHV"), for: "reader", on: Self.day))
        #expect(!grant.covers(Self.facts(trust: "HB", department: "SI-MED"), for: "reader", on: Self.day))
        #expect(!grant.covers(Self.facts(draft: true), for: "reader", on: Self.day), "drafts stay the applicant's")
        #expect(!grant.covers(Self.facts(), for: "someone-else", on: Self.day))
    }

    @Test func aColleaguesGrantOpensThatColleaguesApplicationsOnly() {
        let grant = Self.grant(colleague: "predecessor")
        #expect(grant.covers(Self.facts(applicant: "predecessor"), for: "reader", on: Self.day))
        #expect(!grant.covers(Self.facts(applicant: "colleague"), for: "reader", on: Self.day))
    }

    @Test(arguments: [AccessRequestState.pending, .refused, .revoked])
    func onlyAGrantedRequestOpensAnything(state: AccessRequestState) {
        #expect(!Self.grant(state: state).covers(Self.facts(), for: "reader", on: Self.day))
        #expect(!Self.grant(state: state).isActive(on: Self.day))
    }

    @Test func whoMayAskAndWhoMayDecide() {
        #expect(AccessRequestPolicy.mayRequest(role: .physician, department: "SI-MED"))
        #expect(AccessRequestPolicy.mayRequest(role: .sectionChief, department: "SI-MED"))
        #expect(!AccessRequestPolicy.mayRequest(role: .physician, department: nil))
        for role in [Role.committeeMember, .divisionDirector, .medicalDirector, .administrator, .externalPrescriber] {
            #expect(!AccessRequestPolicy.mayRequest(role: role, department: "SI-MED"), "\(role)")
        }
        func decider(
            _ person: String, principal: String? = nil, role: Role = .departmentHead, trust: String = "SI",
            department: String? = "SI-MED"
        ) -> AccessRequestPolicy.Decider {
            .init(personID: person, principalID: principal, role: role, trust: trust, department: department)
        }
        func may(_ d: AccessRequestPolicy.Decider) -> Bool {
            AccessRequestPolicy.mayDecide(d, requesterID: "asker", trust: "SI", department: "SI-MED")
        }
        #expect(may(decider("head")))
        #expect(may(decider("stand-in", principal: "head")))
        #expect(!may(decider("asker")), "not one's own request")
        #expect(!may(decider("asker", principal: "head")), "not even as the head's stand-in")
        #expect(!may(decider("stand-in", principal: "asker")), "not in the name of the requester")
        #expect(!may(decider("other-head", department: "SI-PHV")))
        #expect(!may(decider("hb-head", trust: "HB")))
        #expect(!may(decider("director", role: .divisionDirector, department: nil)))
        #expect(!may(decider("physician", role: .physician)))
    }
}
