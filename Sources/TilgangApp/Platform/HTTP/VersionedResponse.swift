import Vapor

enum VersionedResponse {
    /// The record as JSON with its version as the ETag.
    static func make(_ dto: some Content & Versioned, status: HTTPResponseStatus, for req: Request) async throws
        -> Response
    {
        tagged(try await dto.encodeResponse(status: status, for: req), version: dto.version)
    }

    /// The same for a record with a hand-written JSON form (`JSONWriter`). Async like the general one, so that
    /// overload resolution picks this, the more specific, in async handlers.
    static func make(_ dto: some Content & Versioned & JSONWritable, status: HTTPResponseStatus, for req: Request)
        async -> Response
    {
        tagged(dto.jsonResponse(status: status), version: dto.version)
    }

    private static func tagged(_ response: Response, version: Int) -> Response {
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return response
    }
}
