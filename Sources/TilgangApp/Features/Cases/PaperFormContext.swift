/// «Papirskjema»: the blank form's few dynamic parts.
struct PaperFormContext: Encodable {
    let title: String
    let currentUser: UserView
    let printedAt: String
    /// The trusts whose catchment area a patient may belong to, to tick.
    let trusts: [String]
    /// One signature line per committee member present.
    let committeeLines: [Int]
}
