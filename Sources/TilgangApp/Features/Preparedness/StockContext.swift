struct StockContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let items: [StockItemDTO]
    let holders: [SelectOption]
    let materials: [SelectOption]
    let form: StockInput
    /// The quantity as typed, shown again after an error.
    let quantity: String
    let errors: [String: String]
    let message: String?
}
