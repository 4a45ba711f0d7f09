import Testing

@testable import TilgangDomain

/// Tables 1 and 5 from Tilgang's own records: «Avgjort av DMP» counts only what the agency has decided.
@Suite struct ApplicationCountsTests {
    @Test func onlyDecidedApplicationsCountAsDecided() {
        var counts = ApplicationCounts()
        for state in ExemptionState.allCases where state != .notified {
            counts.add(kind: .agencyApplication, state: state)
        }
        counts.add(kind: .notification, state: .notified)
        #expect(counts.received == 8)
        #expect(counts.decided == 6, "received and under assessment are not decided")
        #expect(counts.notifications == 1)
        #expect(!ApplicationCounts.decidedByAgency(.submitted) && !ApplicationCounts.decidedByAgency(.underAssessment))
        #expect(ApplicationCounts.decidedByAgency(.refused) && ApplicationCounts.decidedByAgency(.appealDismissed))
    }

    @Test(arguments: [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (14_600, "14600")])
    func countsOfPeopleLeaveSuppressed(count: Int, shown: String) {
        #expect(ReportedCount(people: count).description == shown)
    }
}
