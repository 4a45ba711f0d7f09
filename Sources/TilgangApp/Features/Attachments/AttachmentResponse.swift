import TilgangDomain
import Vapor

/// A stored file as a download: always `attachment` (never shown inline, where a browser could render it as a
/// page of ours), the stored type, `nosniff`, and not kept in caches.
enum AttachmentResponse {
    static func make(_ model: AttachmentModel) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: model.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: disposition(model.fileName))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: model.data))
    }

    /// `attachment; filename="Lab-svar_aer.pdf"; filename*=UTF-8''Lab-svar%20%C3%A6r.pdf` (RFC 6266).
    static func disposition(_ fileName: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? "vedlegg"
        let ascii = AttachmentFileName.ascii(fileName).replacingOccurrences(of: "\"", with: "_")
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
