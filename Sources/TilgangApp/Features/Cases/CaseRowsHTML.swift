/// The rows of the work list's table (`cases/list.leaf`), written here instead of by a Leaf loop: Leaf resolved
/// each of a row's eleven expressions by splitting its key path and converting its value, which was half of a
/// 100-row page's CPU (bench/scale). The markup is what the loop wrote, every value escaped as `#()` escapes it;
/// `CaseRowsHTMLTests` renders the same rows through the Leaf loop and compares.
enum CaseRowsHTML {
    static func render(_ cases: [CaseSummaryView]) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(cases.count * 420)
        for c in cases {
            html.append(contentsOf: "<tr><td><a href=\"/saker/".utf8)
            HTMLText.escape(c.id, into: &html)
            html.append(contentsOf: "\" class=\"case-link\">".utf8)
            HTMLText.escape(c.caseNumber, into: &html)
            html.append(contentsOf: "</a></td><td class=\"patient\">".utf8)
            HTMLText.escape(c.patient, into: &html)
            html.append(contentsOf: "</td><td class=\"applicant\">".utf8)
            HTMLText.escape(c.applicant, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(c.medicineName, into: &html)
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(c.indication, into: &html)
            html.append(contentsOf: "</td><td class=\"state\">".utf8)
            HTMLText.escape(c.stateTitle, into: &html)
            html.append(contentsOf: "</td><td class=\"waiting\">".utf8)
            HTMLText.escape(c.waitingSince, into: &html)
            if let days = c.waitingDays {
                html.append(contentsOf: " (\(days) d)".utf8)
            }
            html.append(contentsOf: "</td><td>".utf8)
            HTMLText.escape(c.created, into: &html)
            html.append(contentsOf: "</td></tr>\n  ".utf8)
        }
        return String(decoding: html, as: UTF8.self)
    }
}
