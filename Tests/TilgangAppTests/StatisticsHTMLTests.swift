import Foundation
import Testing

@testable import TilgangApp
@testable import TilgangDomain

/// The statistics page's tables and charts written in Swift (`StatisticsHTML`) are the markup the Leaf loops of
/// `statistics/index.leaf` wrote, byte for byte, with every value escaped as `#()` escapes it.
@Suite struct StatisticsHTMLTests {
    static let hostile = CaseRowsHTMLTests.hostile

    /// The loops the template had, verbatim, each with what its values are called there.
    enum Loop {
        static let top = """
              #for(line in report.top):<tr><td>#(line.atc)</td><td>#(line.substance)#if(line.marker == "deregistered"): **#elseif(line.marker == "shortage"): *#endif</td><td>#(line.dispensings)</td><td>#(line.packages)</td><td>#(line.ddd)</td></tr>
              #endfor
            """
        static let bars = """
            #for(b in bars):<rect x="290" y="#(b.y)" width="#(b.width)" height="20" fill="#1f5c99"><title>#(b.label): #(b.value) #(measure)</title></rect><text x="285" y="#(b.textY)" text-anchor="end" font-size="12">#(b.label)</text><text x="#(b.width)" dx="295" y="#(b.textY)" font-size="11">#(b.value)</text>
            #endfor
            """
        static let published = """
            <thead><tr>#for(c in t.columns):<th>#(c)</th>#endfor</tr></thead>
              <tbody>#for(r in t.rows):<tr>#for(cell in r):<td>#(cell)</td>#endfor</tr>#endfor</tbody>
            """
        static let chart = """
            #for(l in f.lines):<polyline fill="none" stroke="#(l.color)" stroke-width="2" points="#(l.points)"><title>#(l.label): #(l.values)</title></polyline>
            #endfor
            #for(y in f.yearLabels):<text font-size="11" x="#(y.x)" y="196" text-anchor="middle">#(y.year)</text>#endfor
            """
        static let followed = """
            <thead><tr><th>Legemiddel</th><th>ATC</th><th>Varenr.</th>#for(y in f.years):<th>#(y)</th>#endfor</tr></thead>
              <tbody>
              #for(r in f.rows):<tr data-atc="#(r.atc)" data-product="#(r.productNumber)"><td>#if(r.color):<svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="#(r.color)"/></svg> #endif#(r.label)</td><td>#(r.atc)</td><td>#(r.productNumber)</td>#for(cell in r.cells):<td>#(cell)</td>#endfor</tr>
              #endfor
              </tbody>
            """
        static let applications = """
            <tbody>#for(a in humanApplications):<tr><td>#(a.year)</td><td>Mennesker</td><td>#(a.received)</td><td>#(a.agencyDecided)</td><td>#(a.notifications)</td></tr>#endfor#for(a in animalApplications):<tr><td>#(a.year)</td><td>Dyr</td><td>#(a.received)</td><td>#(a.agencyDecided)</td><td>#(a.notifications)</td></tr>#endfor</tbody>
            """
    }

    struct TopContext: Encodable {
        struct Report: Encodable { let top: [UnregisteredReport.Line] }
        let report: Report
    }

    static let lines: [UnregisteredReport.Line] = [
        .init(
            atc: "N02BG10<", substance: hostile, dispensings: .value(1_234), packages: .suppressed, ddd: nil,
            marker: "deregistered"),
        .init(atc: "H02AB06", substance: "prednisolon", dispensings: 7, packages: 12, ddd: .value(30), marker: nil),
        .init(atc: "'\"&", substance: "", dispensings: .suppressed, packages: 0, ddd: .suppressed, marker: "shortage"),
        .init(atc: "QP", substance: "dyr", dispensings: 5, packages: 5, ddd: nil, marker: "other"),
    ]

    @Test func theMostUsedAreWhatTheLeafLoopWrote() async throws {
        let leaf = try await LeafLoopRenderer.render(Loop.top, TopContext(report: .init(top: Self.lines)))
        #expect("  " + StatisticsHTML.topRows(Self.lines) == leaf)
        #expect(StatisticsHTML.topRows([]).isEmpty)
    }

    struct BarsContext: Encodable {
        let bars: [StatisticsContext.Bar]
        let measure: String
    }

    @Test func theBarsAreWhatTheLeafLoopWrote() async throws {
        let bars = [
            StatisticsContext.Bar(label: "N02BG10 \(Self.hostile)", value: "<5", y: 0, width: 0, textY: 15),
            StatisticsContext.Bar(label: "H02AB06 prednisolon", value: "1234", y: 24, width: 600, textY: 39),
        ]
        for measure in ["pakninger", "utleveringer & <dyr>"] {
            let leaf = try await LeafLoopRenderer.render(Loop.bars, BarsContext(bars: bars, measure: measure))
            #expect(StatisticsHTML.bars(bars, measure: measure) == leaf)
        }
    }

    struct PublishedContext: Encodable {
        struct Table: Encodable {
            let columns: [String]
            let rows: [[String]]
        }
        let t: Table
    }

    @Test func thePublishedTablesAreWhatTheLeafLoopsWrote() async throws {
        var tables = PublishedTables.all.map { PublishedContext.Table(columns: $0.columns, rows: $0.rows) }
        #expect(tables.count >= 7, "seed 004's tables")
        tables.append(.init(columns: [Self.hostile, ""], rows: [[Self.hostile, "<5"], [], ["1 234"]]))
        for table in tables {
            let leaf = try await LeafLoopRenderer.render(Loop.published, PublishedContext(t: table))
            let swift =
                "<thead><tr>\(StatisticsHTML.headerCells(table.columns))</tr></thead>\n  <tbody>"
                + "\(StatisticsHTML.cellRows(table.rows))</tbody>"
            #expect(swift == leaf)
        }
        // The page's view holds the same markup, made once.
        let first = try #require(PublishedTables.all.first)
        #expect(PublishedTableView.of(first).body == StatisticsHTML.cellRows(first.rows))
    }

    struct FollowedContext: Encodable {
        struct Section: Encodable {
            let years: [String]
            let rows: [FollowedSection.Row]
            let lines: [FollowedSection.Line]
            let yearLabels: [FollowedSection.YearLabel]
        }
        let f: Section
    }

    @Test func theFollowedTableAndChartAreWhatTheLeafLoopsWrote() async throws {
        let table = FollowedTable.make(
            [
                .init(
                    atc: "N02BG10", productNumber: 777_000, species: .human, label: Self.hostile,
                    patients: [2023: 3, 2024: 12]),
                .init(atc: "H02AB06", productNumber: nil, species: .human, label: "prednisolon", patients: [2024: 7]),
                .init(atc: "N05CH01\"", productNumber: 12, species: .human, label: "<b>", patients: [2023: 40]),
            ], years: [2023, 2024], page: 1)
        let section = FollowedSection(species: .human, table: table) { "/statistikk?side=\($0)&x=<" }
        var rows = section.rows
        // A row past the chart's seven colours has no swatch.
        rows.append(.init(label: Self.hostile, atc: "'", productNumber: "", cells: ["<5", "0"], color: nil))
        let context = FollowedContext(
            f: .init(years: section.years, rows: rows, lines: section.lines, yearLabels: section.yearLabels))
        #expect(section.rows.count == 3 && section.lines.count == 3 && !section.rows.contains { $0.color == nil })

        let followed = try await LeafLoopRenderer.render(Loop.followed, context)
        #expect(
            followed == "<thead><tr><th>Legemiddel</th><th>ATC</th><th>Varenr.</th>"
                + "\(StatisticsHTML.headerCells(section.years))</tr></thead>\n  <tbody>\n  "
                + "\(StatisticsHTML.followedRows(rows))\n  </tbody>")
        let chart = try await LeafLoopRenderer.render(Loop.chart, context)
        #expect(
            chart == StatisticsHTML.lines(section.lines) + "\n" + StatisticsHTML.yearLabels(section.yearLabels))
    }

    struct ApplicationsContext: Encodable {
        let humanApplications: [ApplicationsPerYearDTO]
        let animalApplications: [ApplicationsPerYearDTO]
    }

    @Test func theApplicationsAreWhatTheLeafLoopsWrote() async throws {
        let human = [
            ApplicationsPerYearDTO(
                year: 2024, species: "human", received: 14_600, agencyDecided: .suppressed, notifications: 0),
            ApplicationsPerYearDTO(year: 2025, species: "human", received: 5, agencyDecided: 5, notifications: 246_300),
        ]
        let animal = [
            ApplicationsPerYearDTO(
                year: 2024, species: "animal", received: .suppressed, agencyDecided: 0, notifications: 9)
        ]
        for (h, a) in [(human, animal), (human, []), ([], animal), ([], [])] {
            let leaf = try await LeafLoopRenderer.render(
                Loop.applications, ApplicationsContext(humanApplications: h, animalApplications: a))
            #expect("<tbody>\(StatisticsHTML.applications(human: h, animal: a))</tbody>" == leaf)
        }
    }
}
