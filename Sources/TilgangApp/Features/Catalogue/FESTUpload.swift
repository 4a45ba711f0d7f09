import MultipartKit
import Vapor

/// Writes the file part of a multipart upload to a temporary file as the bytes arrive.
enum FESTUpload {
    struct Received {
        let path: String
        let fileName: String
        let bytes: Int
    }

    static func receive(_ body: Request.Body, boundary: String, limit: Int) async throws -> Received {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fest-upload-\(UUID()).xml").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path)
        else { throw Abort(.internalServerError, reason: "Kunne ikke lagre opplastingen.") }
        defer { try? file.close() }
        let parser = MultipartParser(boundary: boundary)
        let state = UploadState()
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            state.isFile = value.contains("name=\"fest\"")
            if let range = value.range(of: "filename=\"") {
                state.fileName = String(value[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        parser.onBody = { buffer in
            guard state.isFile, state.failure == nil else { return }
            state.bytes += buffer.readableBytes
            if state.bytes > limit {
                state.failure = Abort(.payloadTooLarge, reason: "Filen er større enn \(limit >> 20) MB.")
                return
            }
            do { try file.write(contentsOf: Data(buffer.readableBytesView)) } catch { state.failure = error }
        }
        parser.onPartComplete = { state.isFile = false }
        do {
            for try await chunk in body {
                try parser.execute(chunk)
                if let failure = state.failure { throw failure }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return Received(path: path, fileName: state.fileName, bytes: state.bytes)
    }

    /// The parser's callbacks run one at a time on the request's task.
    private final class UploadState: @unchecked Sendable {
        var isFile = false
        var fileName = ""
        var bytes = 0
        var failure: (any Error)?
    }
}
