struct ExemptionFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let csrf: String
    let form: ExemptionForm
    let notification: Bool
    let hospitalApplicant: Bool
    let medicines: [SelectOption]
    let applicantKinds: [SelectOption]
    let scopes: [SelectOption]
    let errors: [String: String]
    let hasErrors: Bool
}
