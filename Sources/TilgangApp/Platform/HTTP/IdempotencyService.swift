import Fluent
import Vapor

/// Repeated requests with the same `Idempotency-Key` get the first answer instead of acting twice. A key belongs to
/// one user and one endpoint (method and path); a repeat that arrives while the first is still being handled gets
/// 409, and a first attempt that fails leaves the key free for a retry.
struct IdempotencyService {
    let database: any Database

    struct InProgress: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "En forespørsel med samme Idempotency-Key behandles allerede. Prøv igjen om litt." }
    }

    /// Runs `work` once per key, user and endpoint (`scope`); a repeat returns the stored status, body and ETag.
    func once(key: String?, scope: String, user: UUID, _ work: () async throws -> Response) async throws -> Response {
        guard let key, !key.isEmpty else { return try await work() }
        let scoped = scope.isEmpty ? key : "\(scope) \(key)"
        if let stored = try await find(scoped, user: user) { return try replay(stored) }
        // Claim the key first: the unique (user, key) index lets only one of two concurrent requests through.
        let claim = IdempotencyRecordModel()
        claim.userID = user
        claim.key = scoped
        claim.status = 0
        claim.body = ""
        do {
            try await claim.create(on: database)
        } catch {
            if let stored = try await find(scoped, user: user) { return try replay(stored) }
            throw error
        }
        let response: Response
        do {
            response = try await work()
        } catch {
            try? await claim.delete(on: database)
            throw error
        }
        claim.status = Int(response.status.code)
        claim.body = response.body.string ?? ""
        claim.etag = response.headers.first(name: .eTag)
        try await claim.update(on: database)
        return response
    }

    private func find(_ key: String, user: UUID) async throws -> IdempotencyRecordModel? {
        try await IdempotencyRecordModel.query(on: database).filter(\.$userID == user).filter(\.$key == key).first()
    }

    private func replay(_ stored: IdempotencyRecordModel) throws -> Response {
        guard stored.status != 0 else { throw InProgress() }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        if let etag = stored.etag { headers.replaceOrAdd(name: .eTag, value: etag) }
        return Response(
            status: HTTPResponseStatus(statusCode: stored.status), headers: headers, body: .init(string: stored.body))
    }
}

extension Request {
    var idempotency: IdempotencyService { IdempotencyService(database: db) }

    /// Idempotency for this request's endpoint: the key is scoped to its method and path.
    func idempotent(user: UUID, _ work: () async throws -> Response) async throws -> Response {
        try await idempotency.once(
            key: headers.first(name: "Idempotency-Key"), scope: "\(method.rawValue) \(url.path)", user: user, work)
    }
}
