import Vapor

/// Why a launch from the EHR was refused, each with its Norwegian text and status. The log gets the code only.
enum EHRLaunchError: Error, Equatable {
    case notConfigured
    case badSignature
    case wrongAudience
    case wrongIssuer
    case expired
    case tooLongLived
    case missingClaims
    case replayedContext
    case unknownLaunch
    case usedBefore
    case otherSession
    case hprMismatch
    case notYours

    var reason: String {
        switch self {
        case .notConfigured: "Oppstart fra pasientjournalen er ikke satt opp for denne installasjonen."
        case .badSignature: "Oppstartskonteksten fra journalsystemet har ugyldig signatur og ble avvist."
        case .wrongAudience: "Oppstartskonteksten er utstedt til en annen tjeneste enn Tilgang og ble avvist."
        case .wrongIssuer: "Oppstarten kommer ikke fra journalsystemet Tilgang er satt opp mot."
        case .expired: "Oppstartskonteksten fra journalsystemet er utløpt eller har ugyldig tidspunkt."
        case .tooLongLived: "Oppstartskonteksten fra journalsystemet gjelder for lenge (høyst fem minutter)."
        case .missingClaims:
            "Oppstartskonteksten mangler HPR-nummer, gyldig fødselsnummer, helseforetak eller id (jti)."
        case .replayedContext: "Denne oppstartskonteksten er brukt før og ble avvist."
        case .unknownLaunch:
            "Oppstarten finnes ikke eller er utløpt. Start Tilgang på nytt fra pasientjournalen."
        case .usedBefore:
            "Denne oppstartslenken er allerede brukt. Start Tilgang på nytt fra pasientjournalen."
        case .otherSession:
            "Oppstarten hører til en annen nettleserøkt. Start Tilgang på nytt fra pasientjournalen."
        case .hprMismatch:
            "Du er logget inn som en annen person enn den som startet Tilgang fra pasientjournalen "
                + "(HPR-nummeret stemmer ikke). Pasientopplysningene vises ikke. Logg ut, og start Tilgang på nytt "
                + "fra pasientjournalen."
        case .notYours: "Denne oppstarten hører til en annen bruker."
        }
    }

    var status: HTTPStatus {
        switch self {
        case .notConfigured, .unknownLaunch: .notFound
        case .badSignature, .wrongAudience, .wrongIssuer, .expired, .tooLongLived: .unauthorized
        case .missingClaims: .unprocessableEntity
        case .replayedContext, .usedBefore: .conflict
        case .otherSession, .hprMismatch, .notYours: .forbidden
        }
    }

    /// A short code for the log, the JSON answer and the page's id.
    var code: String { String(describing: self) }
}
