struct ExemptionListContext: Encodable {
    let title: String
    let currentUser: UserView
    let tabs: [CaseListContext.Tab]
    let rows: [ExemptionRowView]
    let mayApply: Bool
    let mayNotify: Bool
    let counts: ExemptionCountsDTO?
}
