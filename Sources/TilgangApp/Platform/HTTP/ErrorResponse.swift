import TilgangDomain
import Vapor

/// The JSON body of every API error. `fields` names each invalid field (422), or the one that did not decode (400).
struct ErrorResponse: Content {
    var error = true
    var reason: String
    var fields: [FieldError]?
}
