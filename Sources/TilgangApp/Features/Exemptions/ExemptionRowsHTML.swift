/// The rows of the desk's table (`exemptions/list.leaf`), written here instead of by a Leaf loop, as the work
/// list's are (`CaseRowsHTML`): the loop was most of a 100-row `/fritak` page's CPU (bench/scale). The markup is what
/// the loop wrote, every value escaped as `#()` escapes it; `ExemptionRowsHTMLTests` compares with the Leaf loop.
enum ExemptionRowsHTML {
    static func render(_ rows: [ExemptionRowView]) -> String {
        var html = HTMLWriter(capacity: rows.count * 480)
        for r in rows {
            html.markup(r.overdue ? "<tr class=\"overdue\">" : "<tr>")
            html.markup("<td><a href=\"/fritak/")
            html.text(r.id)
            html.markup("\" class=\"exemption-link\">")
            html.text(r.reference)
            html.markup("</a></td><td>")
            html.text(r.kind)
            html.markup("</td><td>")
            html.text(r.medicineName)
            html.markup("</td><td>")
            html.text(r.prescriberName)
            html.markup("</td><td class=\"state\">")
            html.text(r.stateTitle)
            html.markup("</td><td>")
            html.text(r.received)
            html.markup("</td><td>")
            if r.overdue {
                html.markup("<strong class=\"warning\">")
                html.text(r.deadline)
                html.markup(" (fristen er ute)</strong>")
            } else {
                html.text(r.deadline)
            }
            html.markup("</td><td>")
            html.text(r.period)
            html.markup(r.expiring ? "</td><td class=\"warning\">" : "</td><td>")
            html.text(r.validity)
            html.markup("</td></tr>\n  ")
        }
        return html.html
    }
}
