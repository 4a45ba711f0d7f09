import TilgangDomain
import Vapor

/// The body of an access-log lookup, from the API's JSON or the page's form. The identity number travels in the
/// body, never in a URL, so it does not end up in access logs.
struct AccessLogLookup: Content {
    var patientNIN: String?

    /// The patient's identity number; one that is not valid names the field.
    func nin() throws -> NationalIdentityNumber {
        guard let nin = NationalIdentityNumber(patientNIN ?? "") else {
            throw ValidationFailure(field: "patientNIN", message: "er ikke et gyldig fødselsnummer eller D-nummer")
        }
        return nin
    }
}
