import TilgangDomain

/// What the HTML error page shows.
struct ErrorPageContext: Encodable {
    let status: Int
    let reason: String
    let fields: [FieldError]
    /// The page's title names the error (WCAG 2.4.2): «Feil 404 – Tilgang», not a bare «– Tilgang».
    var title: String { "Feil \(status)" }

    enum CodingKeys: String, CodingKey {
        case status, reason, fields, title
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(fields, forKey: .fields)
        try container.encode(title, forKey: .title)
    }
}
