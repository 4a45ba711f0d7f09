import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

/// Files and multipart bodies for the attachment tests.
enum AttachmentFixtures {
    /// A PDF of about `size` bytes: a real header and trailer around filler text.
    static func pdf(size: Int) -> [UInt8] {
        var bytes = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n".utf8)
        let filler = Array("Litteratur om off-label rituksimab ved MS – æøå ÆØÅ. ".utf8)
        while bytes.count < size - 6 { bytes += filler }
        bytes = Array(bytes.prefix(size - 6))
        bytes += Array("%%EOF\n".utf8)
        return bytes
    }

    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E,
        0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    static let boundary = "----TilgangTestBoundary7MA4YWxkTrZu0gW"

    /// A multipart/form-data body as a browser sends the case page's upload form.
    static func multipart(
        csrf: String?, kind: String, fileName: String, contentType: String, file: [UInt8]
    ) -> [UInt8] {
        var body: [UInt8] = []
        func add(_ text: String) { body += Array(text.utf8) }
        if let csrf {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n")
        }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachmentKind\"\r\n\r\n\(kind)\r\n")
        add(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\(fileName)\"\r\n"
                + "Content-Type: \(contentType)\r\n\r\n")
        body += file
        add("\r\n--\(boundary)--\r\n")
        return body
    }

    static var multipartType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Uploads `file` over the API as the raw body; returns the status and body.
    static func upload(
        _ api: APIClient, caseID: String, as username: String, fileName: String, contentType: String,
        kind: String = "literature", file: [UInt8]
    ) async throws -> (status: HTTPStatus, body: String) {
        var headers = api.headers(try await api.token(username))
        headers.replaceOrAdd(name: .contentType, value: contentType)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let name = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        var result: (HTTPStatus, String) = (.ok, "")
        try await api.app.testing().test(
            .POST, "/api/v1/cases/\(caseID)/attachments?fileName=\(name)&kind=\(kind)", headers: headers,
            body: ByteBuffer(bytes: file)
        ) { res in result = (res.status, res.body.string) }
        return result
    }

    /// Takes an application from submission to the committee (the state where the committee may add files).
    static func toCommittee(_ api: APIClient, _ id: String, version: Int) async throws -> Int {
        try await api.toCommittee(id, draftVersion: version)
    }

    /// From the committee to the medical director's approval.
    static func decide(_ api: APIClient, _ id: String, version: Int) async throws {
        let v = try await api.committeeRecommends(on: id, version: version, as: "si-komite").version
        let done = try await api.act("approve", on: id, version: v, as: "si-direktor", fields: ["comment": "Godkjent"])
        #expect(done.status == .ok, "\(done.body)")
    }
}
