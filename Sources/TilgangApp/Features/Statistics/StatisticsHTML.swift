import TilgangDomain

/// The long loops of `statistics/index.leaf` (the tables, the charts' bars and lines), written here instead: Leaf's
/// loops and the encoding of their rows were half of the page's CPU (bench/scale). The markup is what the loops
/// wrote, every value escaped as `#()` escapes it; `StatisticsHTMLTests` renders the same values through the Leaf
/// loops and compares.
enum StatisticsHTML {
    /// The rows of the most used medicines (`report-table`).
    static func topRows(_ lines: [UnregisteredReport.Line]) -> String {
        var w = HTMLWriter(capacity: lines.count * 120)
        for line in lines {
            w.markup("<tr><td>")
            w.text(line.atc)
            w.markup("</td><td>")
            w.text(line.substance)
            if line.marker == "deregistered" {
                w.markup(" **")
            } else if line.marker == "shortage" {
                w.markup(" *")
            }
            w.markup("</td><td>")
            w.text(line.dispensings.description)
            w.markup("</td><td>")
            w.text(line.packages.description)
            w.markup("</td><td>")
            if let ddd = line.ddd { w.text(ddd.description) }
            w.markup("</td></tr>\n  ")
        }
        return w.html
    }

    /// The bar chart's bars, labelled with the `measure` counted.
    static func bars(_ bars: [StatisticsContext.Bar], measure: String) -> String {
        var w = HTMLWriter(capacity: bars.count * 300)
        for b in bars {
            w.markup("<rect x=\"290\" y=\"")
            w.number(b.y)
            w.markup("\" width=\"")
            w.number(b.width)
            w.markup("\" height=\"20\" fill=\"#1f5c99\"><title>")
            w.text(b.label)
            w.markup(": ")
            w.text(b.value)
            w.markup(" ")
            w.text(measure)
            w.markup("</title></rect><text x=\"285\" y=\"")
            w.number(b.textY)
            w.markup("\" text-anchor=\"end\" font-size=\"12\">")
            w.text(b.label)
            w.markup("</text><text x=\"")
            w.number(b.width)
            w.markup("\" dx=\"295\" y=\"")
            w.number(b.textY)
            w.markup("\" font-size=\"11\">")
            w.text(b.value)
            w.markup("</text>\n")
        }
        return w.html
    }

    /// A table's header cells, `<th>` each.
    static func headerCells(_ columns: [String]) -> String {
        var w = HTMLWriter(capacity: columns.count * 24)
        w.cells(columns, tag: .th)
        return w.html
    }

    /// A published table's rows, a `<td>` per cell.
    static func cellRows(_ rows: [[String]]) -> String {
        var w = HTMLWriter(capacity: rows.count * 80)
        for row in rows {
            w.markup("<tr>")
            w.cells(row, tag: .td)
            w.markup("</tr>")
        }
        return w.html
    }

    /// The followed medicines' rows, a swatch before those charted.
    static func followedRows(_ rows: [FollowedSection.Row]) -> String {
        var w = HTMLWriter(capacity: rows.count * 200)
        for r in rows {
            w.markup("<tr data-atc=\"")
            w.text(r.atc)
            w.markup("\" data-product=\"")
            w.text(r.productNumber)
            w.markup("\"><td>")
            if let color = r.color {
                w.markup("<svg class=\"swatch\" width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" ")
                w.markup("height=\"10\" fill=\"")
                w.text(color)
                w.markup("\"/></svg> ")
            }
            w.text(r.label)
            w.markup("</td><td>")
            w.text(r.atc)
            w.markup("</td><td>")
            w.text(r.productNumber)
            w.markup("</td>")
            w.cells(r.cells, tag: .td)
            w.markup("</tr>\n  ")
        }
        return w.html
    }

    /// The followed medicines' chart: a polyline per charted row.
    static func lines(_ lines: [FollowedSection.Line]) -> String {
        var w = HTMLWriter(capacity: lines.count * 200)
        for l in lines {
            w.markup("<polyline fill=\"none\" stroke=\"")
            w.text(l.color)
            w.markup("\" stroke-width=\"2\" points=\"")
            w.text(l.points)
            w.markup("\"><title>")
            w.text(l.label)
            w.markup(": ")
            w.text(l.values)
            w.markup("</title></polyline>\n")
        }
        return w.html
    }

    /// The followed medicines' chart: the years along its foot.
    static func yearLabels(_ labels: [FollowedSection.YearLabel]) -> String {
        var w = HTMLWriter(capacity: labels.count * 70)
        for y in labels {
            w.markup("<text font-size=\"11\" x=\"")
            w.number(y.x)
            w.markup("\" y=\"196\" text-anchor=\"middle\">")
            w.text(y.year)
            w.markup("</text>")
        }
        return w.html
    }

    /// Tilgang's own applications per year, people's before animals'.
    static func applications(human: [ApplicationsPerYearDTO], animal: [ApplicationsPerYearDTO]) -> String {
        var w = HTMLWriter(capacity: (human.count + animal.count) * 120)
        for (rows, label) in [(human, "Mennesker"), (animal, "Dyr")] {
            for a in rows {
                w.markup("<tr><td>")
                w.number(a.year)
                w.markup("</td><td>")
                w.text(label)
                w.markup("</td><td>")
                w.text(a.received.description)
                w.markup("</td><td>")
                w.text(a.agencyDecided.description)
                w.markup("</td><td>")
                w.text(a.notifications.description)
                w.markup("</td></tr>")
            }
        }
        return w.html
    }
}
