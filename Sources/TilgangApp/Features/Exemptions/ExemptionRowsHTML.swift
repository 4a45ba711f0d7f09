/// The rows of the desk's table (`exemptions/list.leaf`), written here instead of by a Leaf loop, as the work
/// list's are (`CaseRowsHTML`): the loop was most of a 100-row `/fritak` page's CPU (bench/scale). The markup is what
/// the loop wrote, every value escaped as `#()` escapes it; `ExemptionRowsHTMLTests` compares with the Leaf loop.
enum ExemptionRowsHTML {
    static func render(_ rows: [ExemptionRowView]) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(rows.count * 480)
        for r in rows {
            html.append(contentsOf: r.overdue ? "<tr class=\"overdue\">".utf8 : "<tr>".utf8)
            html.append(contentsOf: "<td><a href=\"/fritak/".utf8)
            HTMLText.escape(r.id, into: &html)
            html.append(contentsOf: "\" class=\"exemption-link\">".utf8)
            HTMLText.escape(r.reference, into: &html)
            html.append(contentsOf: "</a></td><td>".utf8)
            HTMLText.escape(r.kind, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(r.medicineName, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(r.prescriberName, into: &html)
            html.append(contentsOf: "</td><td class=\"state\">".utf8)
            HTMLText.escape(r.stateTitle, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(r.received, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            if r.overdue {
                html.append(contentsOf: "<strong class=\"warning\">".utf8)
                HTMLText.escape(r.deadline, into: &html)
                html.append(contentsOf: " (fristen er ute)</strong>".utf8)
            } else {
                HTMLText.escape(r.deadline, into: &html)
            }
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(r.period, into: &html)
            html.append(contentsOf: r.expiring ? "</td><td class=\"warning\">".utf8 : "</td><td>".utf8)
            HTMLText.escape(r.validity, into: &html)
            html.append(contentsOf: "</td></tr>\n  ".utf8)
        }
        return String(decoding: html, as: UTF8.self)
    }
}
