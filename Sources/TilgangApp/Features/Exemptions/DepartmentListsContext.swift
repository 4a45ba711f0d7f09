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
    /// The catalogue search: what was typed, whether it ran, and what it found.
    let q: String
    let searched: Bool
    let results: [DepartmentListSearchResult]
    /// The medicines the lines name, by catalogue id, so the pharmacist sees names beside the ids.
    let picked: [String]
    let errors: [String]
    let message: String?
}
