import Foundation
import LeafKit
import Testing
import Vapor

@testable import TilgangApp

/// The case page's history written in Swift (`TransitionListHTML`) is the markup the Leaf loop wrote, byte for
/// byte: every value escaped as `#()` escapes it, every optional part shown exactly when it is not nil.
@Suite struct TransitionListHTMLTests {
    /// The loop `cases/show.leaf` had, verbatim.
    static let leafLoop = """
          #for(t in transitions):<li><strong>#(t.actionTitle)</strong>#if(t.from != t.to): (#(t.to))#endif – #(t.actor), #(t.role) (#(t.trust))#if(t.onBehalfOf): på vegne av #(t.onBehalfOf)#endif, #(t.at)#if(t.assessmentTitle): – #(t.assessmentTitle)#endif#if(t.comment): – «#(t.comment)»#endif#if(t.benefit): – nytte: #(t.benefit), ressursbruk: #(t.resourceUse), alvorlighet: #(t.severity)#endif
          #if(count(t.amendments) > 0):<dl class="amendments">#for(d in t.amendments):<dt>#(d.label)</dt><dd><del>#(d.before)</del> <ins>#(d.after)</ins></dd>#endfor</dl>#endif</li>
          #endfor
        """

    static let hostile = "<script>alert('x')</script> & \"sitat\" æøå ÆØÅ 💊 e\u{301} \u{2028}"

    static func step(
        _ index: Int, from: String = "Til vurdering", to: String = "Godkjent", optional: String? = nil,
        benefit: String? = nil, resourceUse: String? = nil, amendments: Int = 0
    ) -> CaseDetailContext.TransitionView {
        CaseDetailContext.TransitionView(
            at: "0\(index).12.2026 08:1\(index)", actor: hostile, role: "Lege & <i>", trust: "SI'\(index)",
            onBehalfOf: optional, from: from, to: to, comment: optional, benefit: benefit, resourceUse: resourceUse,
            severity: benefit.map { _ in "Alvorlig «\(hostile)»" }, action: "assess",
            actionTitle: "Vurdering <registrert>", assessmentTitle: optional, assessment: optional, members: nil,
            objection: false,
            amendments: (0..<amendments).map {
                CaseDetailContext.AmendmentView(label: "Felt \($0) <b>", before: hostile, after: "etter \"\($0)\"")
            })
    }

    @Test func theHistoryIsWhatTheLeafLoopWrote() async throws {
        // given: states changed and not, every optional nil and not (empty and «false» are not nil, and shown),
        // assessments with and without resource use, amendments none, one and several
        let transitions = [
            Self.step(0), Self.step(1, from: "Sendt", to: "Sendt"), Self.step(2, optional: Self.hostile),
            Self.step(3, optional: ""), Self.step(4, optional: "false", benefit: "Stor", resourceUse: "Lav"),
            Self.step(5, benefit: "0", resourceUse: nil), Self.step(6, amendments: 1),
            Self.step(7, from: Self.hostile, to: Self.hostile, optional: "0", amendments: 3),
        ]
        // when
        let leaf = try await LeafLoopRenderer.render(Self.leafLoop, ["transitions": transitions])
        let swift = "  " + TransitionListHTML.render(transitions)
        // then
        #expect(swift == leaf)
        #expect(!swift.contains("<script>") && swift.contains("&lt;script&gt;alert(&#39;x&#39;)"))
        #expect(TransitionListHTML.render([]).isEmpty)
    }
}
