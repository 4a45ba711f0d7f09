import TilgangDomain

/// What the HTML error page shows.
struct ErrorPageContext: Encodable {
    let status: Int
    let reason: String
    let fields: [FieldError]
}
