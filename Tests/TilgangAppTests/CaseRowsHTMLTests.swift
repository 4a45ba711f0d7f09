import Foundation
import LeafKit
import Testing
import Vapor

@testable import TilgangApp

/// The work list's rows written in Swift (`CaseRowsHTML`) are the markup the Leaf loop wrote, byte for byte, with
/// every value escaped as `#()` escapes it.
@Suite struct CaseRowsHTMLTests {
    /// The loop `cases/list.leaf` had, verbatim.
    static let leafLoop = """
          #for(c in cases):<tr><td><a href="/saker/#(c.id)" class="case-link">#(c.caseNumber)</a></td><td class="patient">#(c.patient)</td><td class="applicant">#(c.applicant)</td><td>#(c.medicineName)</td><td>#(c.indication)</td><td class="state">#(c.stateTitle)</td><td class="waiting">#(c.waitingSince)#if(c.waitingDays): (#(c.waitingDays) d)#endif</td><td>#(c.created)</td></tr>
          #endfor
        """

    static let hostile = "<script>alert('x')</script> & \"sitat\" æøå ÆØÅ 💊 e\u{301} \u{2028}"

    static func summary(_ index: Int, waitingSince: Date?, now: Date) -> CaseSummaryView {
        CaseSummaryView(
            CaseSummaryDTO(
                id: UUID(), caseNumber: "SI-2026-00\(index)<", kind: index == 1 ? "group" : "individual",
                medicineName: hostile, indication: "G35 '\"", state: "committee_assessment",
                stateTitle: "Komitéens vurdering & <b>", trust: "SI", department: "SI-MED",
                createdAt: index == 2 ? nil : now.addingTimeInterval(-86_400 * Double(index)), version: index,
                applicantName: index == 3 ? nil : hostile, patientBirthYear: index == 1 ? nil : 1951 + index,
                waitingSince: waitingSince), now: now)
    }

    @Test func theRowsAreWhatTheLeafLoopWrote() async throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        // Waiting for days, since today (0 d, which Leaf shows: only nil is false), and not waiting at all.
        let cases = [
            Self.summary(0, waitingSince: now.addingTimeInterval(-3 * 86_400), now: now),
            Self.summary(1, waitingSince: now, now: now), Self.summary(2, waitingSince: nil, now: now),
            Self.summary(3, waitingSince: now.addingTimeInterval(-400 * 86_400), now: now),
        ]
        let leaf = try await LeafLoopRenderer.render(Self.leafLoop, ["cases": cases])
        let swift = "  " + CaseRowsHTML.render(cases)
        #expect(swift == leaf)
        #expect(!swift.contains("<script>") && swift.contains("&lt;script&gt;alert(&#39;x&#39;)"))
        #expect(CaseRowsHTML.render([]).isEmpty)
    }

    @Test(arguments: [hostile, "", "&amp;", "'\"<>&", "plain", "\u{0}\u{1F}\n"])
    func textIsEscapedAsLeafEscapesIt(text: String) {
        #expect(HTMLText.escaped(text) == text.htmlEscaped())
    }
}
