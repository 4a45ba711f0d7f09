import Vapor

/// Vapor's own errors come with English reasons («Not Found», «AuthenticatedUser not authenticated.», «Payload Too
/// Large», «Support for reading media type …»). People see Norwegian: where a reason is Vapor's, the status's
/// Norwegian reason replaces it; Tilgang's own reasons (Norwegian already) pass unchanged.
enum NorwegianReasons {
    static func reason(_ error: any AbortError) -> String {
        let given = error.reason
        guard isVaporDefault(given, status: error.status) else { return given }
        switch error.status {
        case .unauthorized: return "Du må logge inn."
        case .forbidden: return "Du har ikke tilgang."
        case .notFound: return "Fant ikke siden eller saken."
        case .payloadTooLarge: return FormLimits.tooLarge.reason
        case .unsupportedMediaType: return "Innholdet må være JSON (application/json) eller et skjema."
        case .badRequest: return "Forespørselen kunne ikke leses."
        case .methodNotAllowed: return "Adressen tar ikke imot denne metoden."
        case .uriTooLong: return "Adressen er for lang."
        default: return "Noe gikk galt (\(error.status.code))."
        }
    }

    /// English text that Vapor or its libraries wrote: the status's phrase, or a sentence with no Norwegian letter
    /// or word in it.
    static func isVaporDefault(_ reason: String, status: HTTPResponseStatus) -> Bool {
        if reason == status.reasonPhrase { return true }
        let english = ["not authenticated", "Support for reading media type", "is required", "Value of type"]
        return english.contains { reason.contains($0) }
    }
}
