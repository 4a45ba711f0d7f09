import Foundation
import TilgangDomain
import Vapor

/// Refuses text that no person types: control characters (NUL silently cut free text short in the database
/// drivers), bidirectional overrides (which make a text read differently on screen than it is stored), and free
/// text past `FormLimits.freeTextCharacters`. Checks every field of a form or JSON body, so no form can forget;
/// the error names the field.
enum TextInputGuard {
    /// Tab, line feed and carriage return are text; every other C0 or C1 control, DEL and the bidi controls are not.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The longest search text a query string may carry into a page.
    static let searchCharacters = 200

    /// A search box's value from the query string, without the characters `isForbidden` names and cut to
    /// `searchCharacters`: a search is echoed back into its page, so a NUL or a bidi override in a link must not
    /// reach the screen (GET requests have no body for `check` to refuse).
    static func searchText(_ request: Request, _ name: String) -> String? {
        request.query[String.self, at: name].map(stripped)
    }

    /// `text` without forbidden characters, at most `searchCharacters` long.
    static func stripped(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(String(kept).prefix(searchCharacters))
    }

    /// The first problem in `value` of field `field`, or nil.
    static func problem(field: String, value: String) -> FieldError? {
        if let bad = value.unicodeScalars.first(where: isForbidden) {
            let code = String(bad.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return FieldError(
                field: field, message: "inneholder et usynlig kontrolltegn (U+\(padded)) som ikke er tillatt; fjern det"
            )
        }
        if value.count > FormLimits.freeTextCharacters {
            return FieldError(
                field: field,
                message: "er for lang (\(value.count) tegn; høyst \(FormLimits.freeTextCharacters))")
        }
        return nil
    }

    /// Every problem in a collected form or JSON body; empty for other bodies.
    static func problems(in request: Request) -> [FieldError] {
        guard let buffer = request.body.data, let type = request.headers.contentType else { return [] }
        let bytes = Data(buffer.readableBytesView)
        if type == .urlEncodedForm {
            return formFields(bytes).compactMap { problem(field: $0.0, value: $0.1) }
        }
        if type == .json, let object = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) {
            var found: [FieldError] = []
            walk(object, path: "", into: &found)
            return found
        }
        return []
    }

    /// Throws 422 naming each bad field.
    static func check(_ request: Request) throws {
        let found = problems(in: request)
        if !found.isEmpty { throw ValidationFailure(found) }
    }

    private static func formFields(_ bytes: Data) -> [(String, String)] {
        String(decoding: bytes, as: UTF8.self).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func walk(_ value: Any, path: String, into found: inout [FieldError]) {
        switch value {
        case let text as String:
            if let problem = problem(field: path.isEmpty ? "$" : path, value: text) { found.append(problem) }
        case let object as [String: Any]:
            for (key, child) in object {
                if let problem = problem(field: "\(path.isEmpty ? "" : path + ".")(nøkkel)", value: key) {
                    found.append(problem)
                }
                walk(child, path: path.isEmpty ? key : "\(path).\(key)", into: &found)
            }
        case let array as [Any]:
            for (index, child) in array.enumerated() { walk(child, path: "\(path)[\(index)]", into: &found) }
        default:
            break
        }
    }
}
