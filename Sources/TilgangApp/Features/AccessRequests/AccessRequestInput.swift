import TilgangDomain
import Vapor

/// A request for access to earlier applications, from the API's JSON or the page's form. The identity number
/// travels in the body only, never in a URL.
struct AccessRequestInput: Content {
    var patientNIN: String?
    /// Empty or absent: every earlier application for the patient in the department.
    var colleagueId: String?
    var reason: String?

    /// The checked request: every invalid field named at once.
    func validated() throws -> (nin: NationalIdentityNumber, colleague: UUID?, reason: String) {
        var errors: [FieldError] = []
        let nin = NationalIdentityNumber(patientNIN ?? "")
        if nin == nil {
            errors.append(FieldError(field: "patientNIN", message: "er ikke et gyldig fødselsnummer eller D-nummer"))
        }
        let colleagueText = (colleagueId ?? "").trimmingCharacters(in: .whitespaces)
        let colleague = UUID(uuidString: colleagueText)
        if !colleagueText.isEmpty, colleague == nil {
            errors.append(FieldError(field: "colleagueId", message: "er ikke en kjent kollega"))
        }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            errors.append(FieldError(field: "reason", message: "må fylles ut: hvorfor trenger du å se søknadene?"))
        } else if reason.count > FormLimits.freeTextCharacters {
            errors.append(
                FieldError(field: "reason", message: "kan ha høyst \(FormLimits.freeTextCharacters) tegn"))
        }
        guard errors.isEmpty, let nin else { throw ValidationFailure(errors) }
        return (nin, colleague, reason)
    }
}
