import TilgangDomain
import Vapor

/// The statistics filters in a query string, read the same way by the API, the page and the CSV download.
struct StatisticsQuery: Content {
    var year: Int?
    var species: String?
    var atc: String?
    var top: Int?

    /// The filters, checked: unknown species or a non-ATC prefix name their field.
    func filters(years: [Int]) throws -> (Int?, ExtractRow.Species, String?, Int) {
        let species: ExtractRow.Species
        switch self.species ?? "human" {
        case "human": species = .human
        case "animal": species = .animal
        default: throw ValidationFailure(field: "species", message: "bruk human eller animal")
        }
        let atc = (self.atc ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if !atc.isEmpty, ATCKey(atc) == nil {
            throw ValidationFailure(field: "atc", message: "skal være starten på en ATC-kode, f.eks. N05")
        }
        let top = self.top ?? 50
        guard (1...500).contains(top) else { throw ValidationFailure(field: "top", message: "bruk 1–500") }
        return (year ?? years.first, species, atc.isEmpty ? nil : atc, top)
    }
}
