/// The rows of the work list's table (`cases/list.leaf`), written here instead of by a Leaf loop: Leaf resolved
/// each of a row's eleven expressions by splitting its key path and converting its value, which was half of a
/// 100-row page's CPU (bench/scale). The markup is what the loop wrote, every value escaped as `#()` escapes it;
/// `CaseRowsHTMLTests` renders the same rows through the Leaf loop and compares.
enum CaseRowsHTML {
    static func render(_ cases: [CaseSummaryView]) -> String {
        var html = HTMLWriter(capacity: cases.count * 420)
        for c in cases {
            html.markup("<tr><td><a href=\"/saker/")
            html.text(c.id)
            html.markup("\" class=\"case-link\">")
            html.text(c.caseNumber)
            html.markup("</a></td><td class=\"patient\">")
            html.text(c.patient)
            html.markup("</td><td class=\"applicant\">")
            html.text(c.applicant)
            html.markup("</td><td>")
            html.text(c.medicineName)
            html.markup("</td><td>")
            html.text(c.indication)
            html.markup("</td><td class=\"state\">")
            html.text(c.stateTitle)
            html.markup("</td><td class=\"waiting\">")
            html.text(c.waitingSince)
            if let days = c.waitingDays {
                html.markup(" (")
                html.number(days)
                html.markup(" d)")
            }
            html.markup("</td><td>")
            html.text(c.created)
            html.markup("</td></tr>\n  ")
        }
        return html.html
    }
}
