struct CUListContext: Encodable {
    let title: String
    let currentUser: UserView
    let cases: [CUCaseDTO]
    let mayRequest: Bool
}
