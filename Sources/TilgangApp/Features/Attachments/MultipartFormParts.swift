import TilgangDomain
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parts of a collected multipart/form-data body with their headers. Vapor's `File` drops the part's own
/// `Content-Type` (it guesses from the file name), and the declared type is half of the type check. The body is
/// split with `memchr` and `memcmp` on its bytes: a 20 MB upload is split in milliseconds, also in a debug build,
/// where MultipartKit's byte-by-byte parser (which `request.content` uses) took longer than the server's idle
/// timeout. `CSRFMiddleware` reads a file upload's token with it too.
struct MultipartFormParts {
    struct Part {
        var name = ""
        var fileName: String?
        var contentType = ""
        var body = ByteBuffer()
    }

    let parts: [Part]

    init(_ body: ByteBuffer, boundary: String) throws {
        let unreadable = ValidationFailure(
            field: "attachment", message: "skjemaet kunne ikke leses; velg filen og send igjen")
        let delimiter = Array("--\(boundary)".utf8)
        let nextDelimiter = [13, 10] + delimiter
        parts = try body.withUnsafeReadableBytes { raw -> [Part] in
            var found: [Part] = []
            guard !boundary.isEmpty, var position = Self.find(delimiter, in: raw, from: 0) else { throw unreadable }
            while true {
                position += delimiter.count
                // `--` after a delimiter closes the body.
                if position + 2 <= raw.count, raw[position] == 45, raw[position + 1] == 45 { break }
                guard position + 2 <= raw.count, raw[position] == 13, raw[position + 1] == 10,
                    let headEnd = Self.find([13, 10, 13, 10], in: raw, from: position + 2),
                    let end = Self.find(nextDelimiter, in: raw, from: headEnd + 4)
                else { throw unreadable }
                var part = Part()
                let head = String(
                    decoding: UnsafeRawBufferPointer(rebasing: raw[(position + 2)..<headEnd]), as: UTF8.self)
                for line in head.components(separatedBy: "\r\n") {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    switch line[..<colon].lowercased() {
                    case "content-disposition":
                        part.name = Self.parameter("name", in: value) ?? ""
                        part.fileName = Self.parameter("filename", in: value)
                    case "content-type":
                        part.contentType = value
                    default:
                        break
                    }
                }
                part.body = ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: raw[(headEnd + 4)..<end]))
                found.append(part)
                position = end + 2
            }
            return found
        }
    }

    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(buffer: $0.body) }
    }

    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil }
    }

    /// The parts of a request's collected body if it is multipart/form-data; nil for any other body.
    static func of(_ request: Request) -> MultipartFormParts? {
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"], let body = request.body.data
        else { return nil }
        return try? MultipartFormParts(body, boundary: boundary)
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

    /// The offset of `needle` in `haystack` at or after `from`: `memchr` finds each candidate first byte and
    /// `memcmp` compares the rest (glibc's `memmem` is not visible to Swift).
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first else { return nil }
        return needle.withUnsafeBytes { pattern -> Int? in
            guard let patternBase = pattern.baseAddress else { return nil }
            var offset = from
            while offset + needle.count <= haystack.count {
                guard let hit = memchr(base + offset, Int32(first), haystack.count - offset - needle.count + 1) else {
                    return nil
                }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, patternBase, needle.count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }
}
