struct LoginPageContext: Encodable {
    let title: String
    let csrf: String
    let error: String?
    let username: String
    let next: String
}
