struct CURegisterContext: Encodable {
    let title: String
    let currentUser: UserView
    let entries: [CURegisterEntry]
}
