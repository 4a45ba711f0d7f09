struct CUFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let form: CUCaseForm
    let medicines: [SelectOption]
    let errors: [String: String]
}
