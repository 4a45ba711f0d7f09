import TilgangDomain

/// The e-mail of a notice: the case number, what happened and where the case is now; the link to the case page
/// is added when it is sent (`OutboxSender`). Nothing from the application (patient, medicine, texts): a mail
/// leaves the trust's systems.
enum NoticeMail {
    static func subject(caseNumber: String, event: CaseEvent) -> String {
        "Tilgang: sak \(caseNumber) – \(event.title.lowercasedFirst)"
    }

    static func body(caseNumber: String, event: CaseEvent, state: CaseState) -> String {
        let next = state.isFinal ? "Saken er avsluttet." : "Saken venter på deg: \(state.title)."
        return """
            Sak \(caseNumber): \(event.title).
            \(next)

            Åpne saken i Tilgang (du må logge inn):
            """
    }

    static let footer = """


        Denne e-posten har ingen opplysninger om pasienten eller søknaden; les dem i Tilgang.
        E-posten er sendt automatisk og kan ikke besvares.
        """

    /// The text as sent: the body, the link on a line of its own, the footer.
    static func text(body: String, link: String) -> String { body + "\n" + link + footer }
}

extension String {
    /// «Søknaden er …» → «søknaden er …», for the middle of a subject line.
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
