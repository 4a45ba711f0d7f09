import Foundation
import TilgangDomain

/// The agency's published figures of seed 004 (Tables 1–7), read once from the data files bundled with the app
/// (`Resources/dmp-*.csv`, copied unchanged from shared/data; the source is cited in docs/extract-format.md).
enum PublishedTables {
    static let all: [PublishedTable] = PublishedTable.definitions.compactMap { definition in
        guard let url = Bundle.module.url(forResource: definition.file, withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return nil }
        return try? PublishedTable.read(definition, text: text)
    }

    static func table(_ number: Int) -> PublishedTable? { all.first { $0.number == number } }

    /// The table of the most used medicines of `year` and `species`, if the agency published one.
    static func top(year: Int, species: ExtractRow.Species) -> PublishedTable? {
        all.first { $0.year == year && $0.species == species }
    }
}
