import Foundation

/// A list page's «Forrige side» / «Neste side» links: the same path and query with `side` one less or one more;
/// empty query values are left out.
struct PageLinks: Encodable {
    let number: Int
    let previous: String?
    let next: String?

    init(path: String, query: [(name: String, value: String)], number: Int, hasMore: Bool) {
        func link(_ page: Int) -> String {
            var components = URLComponents()
            components.path = path
            components.queryItems = (query + [("side", String(page))]).filter { !$0.value.isEmpty }
                .map { URLQueryItem(name: $0.name, value: $0.value) }
            return components.string ?? path
        }
        self.number = number
        previous = number > 1 ? link(number - 1) : nil
        next = hasMore ? link(number + 1) : nil
    }

    /// The page number asked for (`side`, from 1); a bad number shows the first, and the bound keeps the offset
    /// from overflowing.
    static func number(_ asked: Int?) -> Int { min(max(1, asked ?? 1), 1_000_000) }
}
