struct LoginPageContext: Encodable {
    let title: String
    let csrf: String
    let error: String?
    let username: String
    let next: String
    /// «Logg inn med HelseID» is offered when a provider is configured.
    let helseID: Bool
    /// The local password form, unless `TILGANG_LOCAL_LOGIN=0`.
    let localLogin: Bool
}
