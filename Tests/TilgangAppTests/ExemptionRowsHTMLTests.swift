import Foundation
import Testing
import TilgangDomain

@testable import TilgangApp

/// The desk's rows written in Swift (`ExemptionRowsHTML`) are the markup the Leaf loop wrote, byte for byte.
@Suite struct ExemptionRowsHTMLTests {
    /// The loop `exemptions/list.leaf` had, verbatim.
    static let leafLoop = """
          #for(r in rows):<tr#if(r.overdue): class="overdue"#endif><td><a href="/fritak/#(r.id)" class="exemption-link">#(r.reference)</a></td><td>#(r.kind)</td><td>#(r.medicineName)</td><td>#(r.prescriberName)</td><td class="state">#(r.stateTitle)</td><td>#(r.received)</td><td>#if(r.overdue):<strong class="warning">#(r.deadline) (fristen er ute)</strong>#else:#(r.deadline)#endif</td><td>#(r.period)</td><td#if(r.expiring): class="warning"#endif>#(r.validity)</td></tr>
          #endfor
        """

    static let hostile = "<img src=x onerror='alert(1)'> & \"Åse\" æøå 💊"

    @Test func theRowsAreWhatTheLeafLoopWrote() async throws {
        let from = try #require(CalendarDate(year: 2026, month: 1, day: 9))
        let until = try #require(CalendarDate(year: 2026, month: 12, day: 31))
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 27))
        // Overdue, expiring soon, a notification (no received day or deadline), and neither.
        let cases: [(kind: ExemptionKind, state: ExemptionState, validity: String, overdue: Bool)] = [
            (.agencyApplication, .submitted, "valid", true),
            (.agencyApplication, .approved, ExemptionValidity.Status.expiringSoon.rawValue, false),
            (.notification, .notified, "valid", false), (.agencyApplication, .refused, "expired", false),
        ]
        let rows = cases.enumerated().map { index, c in
            ExemptionRowView(
                ExemptionSummaryDTO(
                    id: UUID(), reference: "FR-2026-00\(index)<", kind: c.kind.rawValue, state: c.state.rawValue,
                    stateTitle: Self.hostile, medicineName: Self.hostile, prescriberName: Self.hostile,
                    applicantKind: "prescriber", validFrom: from, validUntil: until, validity: c.validity,
                    createdAt: nil, receivedOn: c.kind == .notification ? nil : day,
                    deadline: c.kind == .notification ? nil : day, overdue: c.overdue))
        }
        let leaf = try await LeafLoopRenderer.render(Self.leafLoop, ["rows": rows])
        let swift = "  " + ExemptionRowsHTML.render(rows)
        #expect(swift == leaf)
        #expect(swift.contains("class=\"overdue\"") && swift.contains("<td class=\"warning\">"))
        #expect(!swift.contains("<img") && swift.contains("&lt;img src=x onerror=&#39;alert(1)&#39;&gt;"))
        #expect(ExemptionRowsHTML.render([]).isEmpty)
    }
}
