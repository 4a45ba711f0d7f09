/// Why a HelseID sign-in was refused, each with the Norwegian text of the refusal page. The technical cause
/// goes to the log (never a token or an identity number).
enum HelseIDSignInError: Error, Equatable {
    case notConfigured
    case providerUnavailable
    case stateMismatch
    case providerRefused
    case tokenRefused
    case badSignature
    case wrongAudience
    case wrongIssuer
    case expired
    case nonceMismatch
    case missingClaims
    case lowSecurityLevel
    case deactivated

    var reason: String {
        switch self {
        case .notConfigured: "Innlogging med HelseID er ikke satt opp for denne installasjonen."
        case .providerUnavailable: "HelseID svarer ikke akkurat nå. Prøv igjen om litt."
        case .stateMismatch:
            "Innloggingen kunne ikke fullføres fordi svaret fra HelseID ikke hører til denne økten. "
                + "Start innloggingen på nytt."
        case .providerRefused: "HelseID avviste innloggingen. Start innloggingen på nytt."
        case .tokenRefused:
            "HelseID godtok ikke innloggingskoden. Den kan være brukt før eller utløpt. Start innloggingen på nytt."
        case .badSignature: "Identitetsbeviset fra HelseID har ugyldig signatur og ble avvist."
        case .wrongAudience: "Identitetsbeviset fra HelseID er utstedt til en annen tjeneste og ble avvist."
        case .wrongIssuer: "Identitetsbeviset kommer ikke fra den HelseID-tjenesten Tilgang er satt opp mot."
        case .expired: "Identitetsbeviset fra HelseID er utløpt eller har ugyldig tidspunkt. Logg inn på nytt."
        case .nonceMismatch:
            "Identitetsbeviset fra HelseID hører ikke til denne innloggingen (nonce mangler eller er feil)."
        case .missingClaims: "Identitetsbeviset fra HelseID mangler HPR-nummer eller fødselsnummer."
        case .lowSecurityLevel:
            "Du er logget inn med for lavt sikkerhetsnivå. Tilgang krever innlogging på høyt nivå (nivå 4), "
                + "for eksempel med BankID, fordi tjenesten viser pasientopplysninger."
        case .deactivated:
            "Kontoen din i Tilgang er deaktivert. Kontakt administratoren i helseforetaket ditt."
        }
    }

    /// A short code for the log and the page's id.
    var code: String { String(describing: self) }
}
