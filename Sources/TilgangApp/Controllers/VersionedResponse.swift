import Vapor

/// A record changed under optimistic locking: its version goes out as the ETag and comes back with If-Match.
protocol Versioned {
    var version: Int { get }
}

extension CaseDTO: Versioned {}
extension ExemptionDTO: Versioned {}
extension CUCaseDTO: Versioned {}

enum VersionedResponse {
    /// The record as JSON with its version as the ETag.
    static func make(_ dto: some Content & Versioned, status: HTTPResponseStatus, for req: Request) async throws
        -> Response
    {
        let response = try await dto.encodeResponse(status: status, for: req)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(dto.version)\"")
        return response
    }

    /// The same for a record with a hand-written JSON form (`JSONWriter`). Async like the general one, so that
    /// overload resolution picks this, the more specific, in async handlers.
    static func make(_ dto: some Content & Versioned & JSONWritable, status: HTTPResponseStatus, for req: Request)
        async -> Response
    {
        let response = dto.jsonResponse(status: status)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(dto.version)\"")
        return response
    }
}
