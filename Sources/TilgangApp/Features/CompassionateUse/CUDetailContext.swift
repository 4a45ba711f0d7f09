struct CUDetailContext: Encodable {
    struct Event: Encodable {
        let action: String
        let actor: String
        let role: String
        let comment: String?
        let at: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CUCaseDTO
    let maskedPatient: String?
    let openTitles: [String]
    let actions: [CUActionView]
    let message: String?
    let events: [Event]
}
