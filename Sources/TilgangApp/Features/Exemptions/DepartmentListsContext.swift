struct DepartmentListsContext: Encodable {
    struct Row: Encodable {
        let dto: DepartmentListDTO
        let signedAt: String?
        let maySign: Bool
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let lists: [Row]
    let mayCompile: Bool
    let departments: [SelectOption]
    let year: String
    let lines: String
    let errors: [String]
    let message: String?
}
