import TilgangDomain
import Vapor

/// The JSON body of every API error. `fields` names each invalid field (status 422).
struct ErrorResponse: Content {
    var error = true
    var reason: String
    var fields: [FieldError]?
}
