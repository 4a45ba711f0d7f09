import Foundation
import TilgangDomain
import Vapor

/// `tilgang report --extract FILE --year YYYY --species human|animal --top N --format json|csv|html`: the agency's
/// table of the most used unregistered medicines, computed from a register extract in one streaming pass.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "extract", help: "Register extract (CSV, or .csv.gz)")
        var extract: String?
        @Option(name: "year", help: "Year, e.g. 2024")
        var year: Int?
        @Option(name: "species", help: "human or animal (default human)")
        var species: String?
        @Option(name: "top", help: "Number of lines (default 50)")
        var top: Int?
        @Option(name: "format", help: "json, csv or html (default json)")
        var format: String?
    }

    var help: String { "Lager tabellen over mest brukte uregistrerte legemidler fra et registeruttrekk." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var errors: [FieldError] = []
        if signature.extract == nil { errors.append(FieldError(field: "--extract", message: "oppgi uttrekksfilen")) }
        if signature.year == nil { errors.append(FieldError(field: "--year", message: "oppgi året, f.eks. 2024")) }
        let species: ExtractRow.Species? =
            switch signature.species ?? "human" {
            case "human": .human
            case "animal": .animal
            default: nil
            }
        if species == nil { errors.append(FieldError(field: "--species", message: "bruk human eller animal")) }
        let format = signature.format ?? "json"
        if !["json", "csv", "html"].contains(format) {
            errors.append(FieldError(field: "--format", message: "bruk json, csv eller html"))
        }
        let top = signature.top ?? 50
        if top < 1 { errors.append(FieldError(field: "--top", message: "må være minst 1")) }
        guard errors.isEmpty, let path = signature.extract, let year = signature.year, let species else {
            throw ValidationFailure(errors)
        }
        let aggregator = try ExtractFile.aggregate(path, year: year, species: species)
        let report = aggregator.report(top: top)
        switch format {
        case "csv": print(ExtractCSV.table(report), terminator: "")
        case "html": print(ReportHTML.page(report))
        default: print(ReportJSON.render(report))
        }
    }
}
