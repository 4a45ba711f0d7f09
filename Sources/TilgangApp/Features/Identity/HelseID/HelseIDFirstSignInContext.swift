struct HelseIDFirstSignInContext: Encodable {
    let title: String
    let csrf: String
    let name: String
    let hprNumber: String
    /// From the HPR register, keyed by the token's HPR number; empty when the register does not know them.
    let profession: String
    /// Trust and department stated; waiting for the administrator.
    let waiting: Bool
    let trusts: [SelectOption]
    let departments: [SelectOption]
    let errors: [String: String]
    /// The same messages in order, for the summary at the top.
    let errorList: [String]
}
