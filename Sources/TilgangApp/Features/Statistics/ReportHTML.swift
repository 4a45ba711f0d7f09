import Foundation
import TilgangDomain

/// A standalone HTML page of the table (Norwegian, as the report).
enum ReportHTML {
    static func page(_ report: UnregisteredReport) -> String {
        let title =
            "Mest brukte uregistrerte legemidler \(report.year) (\(report.species == "human" ? "mennesker" : "dyr"))"
        let rows = report.top.map { line in
            let mark = line.marker == "deregistered" ? " **" : line.marker == "shortage" ? " *" : ""
            return "<tr><td>\(HTMLText.escaped(line.atc))</td><td>\(HTMLText.escaped(line.substance))\(mark)</td>"
                + "<td>\(HTMLText.escaped(line.dispensings.description))</td><td>\(HTMLText.escaped(line.packages.description))</td>"
                + "<td>\(HTMLText.escaped(line.ddd?.description ?? ""))</td></tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="nb"><head><meta charset="utf-8"><title>\(HTMLText.escaped(title))</title></head><body>
            <h1>\(HTMLText.escaped(title))</h1>
            <p>Antall ulike varenumre uten MT: \(HTMLText.escaped(report.distinctUnregisteredProducts.description))</p>
            <table><thead><tr><th>ATC</th><th>Virkestoff</th><th>Utleveringer</th><th>Pakninger</th><th>DDD</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            <p>* mangel på markedsført legemiddel · ** avregistrert eller midlertidig utilgjengelig</p>
            </body></html>
            """
    }
}
