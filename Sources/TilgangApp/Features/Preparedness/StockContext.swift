struct StockContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let items: [StockItemDTO]
    let holders: [SelectOption]
    let materials: [SelectOption]
    let form: StockInput
    let errors: [String: String]
    let message: String?
}
