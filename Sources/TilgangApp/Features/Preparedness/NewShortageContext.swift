struct NewShortageContext: Encodable {
    let title: String
    let currentUser: UserView?
    let csrf: String
    let form: ShortageFormValues
    let medicines: [SelectOption]
    let errors: [String: String]
}
