struct HelseIDErrorContext: Encodable {
    let title: String
    let reason: String
    /// Stable id for tests and support («badSignature»), shown small under the text.
    let code: String
}
