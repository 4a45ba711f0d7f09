import Foundation
import TilgangDomain

/// A body or query string that does not decode, said in Norwegian with the field it concerns (Vapor's own
/// reason is English and names the field only inside the sentence).
extension DecodingError {
    var fieldError: FieldError {
        switch self {
        case .typeMismatch(let type, let context):
            return FieldError(field: Self.field(context.codingPath), message: "må være \(Self.expected(type))")
        case .valueNotFound(_, let context):
            return FieldError(field: Self.field(context.codingPath), message: "må fylles ut")
        case .keyNotFound(let key, let context):
            return FieldError(field: Self.field(context.codingPath + [key]), message: "mangler")
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else { return FieldError(field: "$", message: "er ikke gyldig JSON") }
            return FieldError(field: Self.field(context.codingPath), message: "har en ugyldig verdi")
        @unknown default:
            return FieldError(field: "$", message: "kunne ikke leses")
        }
    }

    /// `patients[0].birthDate`, as the API documents its fields; `$` is the whole body.
    static func field(_ path: [any CodingKey]) -> String {
        var field = ""
        for key in path {
            if let index = key.intValue {
                field += "[\(index)]"
            } else {
                field += field.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return field.isEmpty ? "$" : field
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: "tekst"
        case is Bool.Type: "true eller false"
        case is any BinaryInteger.Type: "et heltall"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: "et tall"
        case is [Any].Type: "en liste"
        case is [String: Any].Type: "et objekt"
        default: "av en annen type"
        }
    }
}
