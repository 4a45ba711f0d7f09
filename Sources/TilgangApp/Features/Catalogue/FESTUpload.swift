import MultipartKit
import Vapor

/// Writes the file part of a multipart upload to a temporary file as the bytes arrive. The form's CSRF token is
/// its first part (the hidden `csrf` field, before the file in the form, so browsers send it first) or the
/// `X-CSRF-Token` header; not a byte of the file is written before it is checked. The token never travels in the
/// URL, where the access log, the browser history and a `Referer` would keep it.
enum FESTUpload {
    static let tokenBytes = 256

    struct Received {
        let path: String
        let fileName: String
        let bytes: Int
    }

    /// - Parameters:
    ///   - authorised: the request already carried a valid token (the header).
    ///   - isValidToken: checks the token found in the `csrf` part.
    static func receive(
        _ body: Request.Body, boundary: String, limit: Int, authorised: Bool,
        isValidToken: @escaping (String) -> Bool
    ) async throws -> Received {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fest-upload-\(UUID()).xml").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path)
        else { throw Abort(.internalServerError, reason: "Kunne ikke lagre opplastingen.") }
        defer { try? file.close() }
        let parser = MultipartParser(boundary: boundary)
        let state = UploadState()
        state.authorised = authorised
        let refused = Abort(.forbidden, reason: "Skjemaet er utløpt eller ugyldig. Last siden på nytt og prøv igjen.")
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            state.isToken = value.contains("name=\"csrf\"")
            state.isFile = value.contains("name=\"fest\"")
            if state.isFile && !state.authorised {
                if isValidToken(state.token) { state.authorised = true } else { state.failure = refused }
            }
            if let range = value.range(of: "filename=\"") {
                state.fileName = String(value[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        parser.onBody = { buffer in
            if state.isToken, state.token.utf8.count < tokenBytes {
                state.token += String(decoding: buffer.readableBytesView, as: UTF8.self)
                return
            }
            guard state.isFile, state.failure == nil else { return }
            state.bytes += buffer.readableBytes
            if state.bytes > limit {
                state.failure = Abort(.payloadTooLarge, reason: "Filen er større enn \(limit >> 20) MB.")
                return
            }
            do { try file.write(contentsOf: Data(buffer.readableBytesView)) } catch { state.failure = error }
        }
        parser.onPartComplete = {
            state.isFile = false
            state.isToken = false
        }
        do {
            for try await chunk in body {
                try parser.execute(chunk)
                if let failure = state.failure { throw failure }
            }
            // A body without a file part still needs the token, so that nothing unchecked is reported back.
            if !state.authorised && !isValidToken(state.token) { throw refused }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return Received(path: path, fileName: state.fileName, bytes: state.bytes)
    }

    /// The parser's callbacks run one at a time on the request's task.
    private final class UploadState: @unchecked Sendable {
        var isFile = false
        var isToken = false
        var token = ""
        var authorised = false
        var fileName = ""
        var bytes = 0
        var failure: (any Error)?
    }
}
