import TilgangDomain

/// The decision letter page.
struct DecisionLetterContext: Encodable {
    let title: String
    let currentUser: UserView
    let letter: DecisionLetter
    /// DD.MM.YYYY, as every date on a page.
    let decidedOn: String

    init(title: String, currentUser: UserView, letter: DecisionLetter) {
        self.title = title
        self.currentUser = currentUser
        self.letter = letter
        decidedOn = letter.decidedOn.norwegian
    }
}
