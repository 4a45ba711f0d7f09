import MultipartKit
import TilgangDomain
import Vapor

/// The parts of a collected multipart/form-data body with their headers. Vapor's `File` drops the part's own
/// `Content-Type` (it guesses from the file name), and the declared type is half of the type check.
struct MultipartFormParts {
    struct Part {
        var name = ""
        var fileName: String?
        var contentType = ""
        var body = ByteBuffer()
    }

    let parts: [Part]

    init(_ body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        let state = State()
        parser.onHeader = { name, value in
            switch name.lowercased() {
            case "content-disposition":
                state.current.name = Self.parameter("name", in: value) ?? ""
                state.current.fileName = Self.parameter("filename", in: value)
            case "content-type":
                state.current.contentType = value
            default:
                break
            }
        }
        parser.onBody = { buffer in
            var buffer = buffer
            state.current.body.writeBuffer(&buffer)
        }
        parser.onPartComplete = {
            state.parts.append(state.current)
            state.current = Part()
        }
        do {
            try parser.execute(body)
        } catch {
            throw ValidationFailure(field: "attachment", message: "skjemaet kunne ikke leses; velg filen og send igjen")
        }
        parts = state.parts
    }

    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(buffer: $0.body) }
    }

    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil }
    }

    /// `name="x"` in a Content-Disposition header (quoted, as browsers send it).
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var value = pair.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    /// The parser's callbacks run one at a time, during `execute`.
    private final class State: @unchecked Sendable {
        var current = Part()
        var parts: [Part] = []
    }
}
