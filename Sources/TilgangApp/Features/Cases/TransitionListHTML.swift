/// The items of the case page's history (`cases/show.leaf`), written here instead of by a Leaf loop: resolving the
/// loop's twenty expressions a step was a tenth of the case page's CPU (bench/scale). The markup is what the loop
/// wrote, every value escaped as `#()` escapes it and every optional shown when it is not nil, as `#if` does;
/// `TransitionListHTMLTests` renders the same history through the Leaf loop and compares.
enum TransitionListHTML {
    static func render(_ transitions: [CaseDetailContext.TransitionView]) -> String {
        var html = HTMLWriter(capacity: transitions.count * 320)
        func text(_ value: String) { html.text(value) }
        func literal(_ value: StaticString) { html.markup(value) }
        for t in transitions {
            literal("<li><strong>")
            text(t.actionTitle)
            literal("</strong>")
            if t.from != t.to {
                literal(" (")
                text(t.to)
                literal(")")
            }
            literal(" – ")
            text(t.actor)
            literal(", ")
            text(t.role)
            literal(" (")
            text(t.trust)
            literal(")")
            if let onBehalfOf = t.onBehalfOf {
                literal(" på vegne av ")
                text(onBehalfOf)
            }
            literal(", ")
            text(t.at)
            if let assessmentTitle = t.assessmentTitle {
                literal(" – ")
                text(assessmentTitle)
            }
            if let comment = t.comment {
                literal(" – «")
                text(comment)
                literal("»")
            }
            if let benefit = t.benefit {
                literal(" – nytte: ")
                text(benefit)
                literal(", ressursbruk: ")
                text(t.resourceUse ?? "")
                literal(", alvorlighet: ")
                text(t.severity ?? "")
            }
            literal("\n  ")
            if !t.amendments.isEmpty {
                literal("<dl class=\"amendments\">")
                for d in t.amendments {
                    literal("<dt>")
                    text(d.label)
                    literal("</dt><dd><del>")
                    text(d.before)
                    literal("</del> <ins>")
                    text(d.after)
                    literal("</ins></dd>")
                }
                literal("</dl>")
            }
            literal("</li>\n  ")
        }
        return html.html
    }
}
