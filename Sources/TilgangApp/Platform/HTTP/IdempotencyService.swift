import Fluent
import Vapor

/// Repeated requests with the same `Idempotency-Key` do not act twice. A key belongs to one user and one endpoint
/// (method and path); a repeat that arrives while the first is still being handled gets 409, and a first attempt
/// that fails leaves the key free for a retry.
///
/// The record holds the first answer's status and the id of the resource it made or changed, never the body:
/// bodies carry patient data, and a record outlived the case's retention. A repeat reads the resource again
/// through its service (so access is checked and the read is audited like any other) and answers with the first
/// status. Records expire after `lifetime`.
struct IdempotencyService {
    static let lifetime: TimeInterval = 24 * 60 * 60

    let database: any Database
    let now: Date

    struct OtherRequest: AbortError {
        var status: HTTPResponseStatus { .unprocessableEntity }
        var reason: String {
            "Denne Idempotency-Key er allerede brukt for en annen forespørsel. Bruk en ny nøkkel for en ny forespørsel."
        }
    }

    struct InProgress: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "En forespørsel med samme Idempotency-Key behandles allerede. Prøv igjen om litt." }
    }

    /// Runs `work` once per key, user and endpoint (`scope`); a repeat answers with `replay` of the resource id
    /// `work` returned, under the first status.
    func once(
        key: String?, scope: String, user: UUID, requestDigest: String? = nil, replay: (UUID) async throws -> Response,
        _ work: () async throws -> (Response, UUID)
    ) async throws -> Response {
        guard let key, !key.isEmpty else { return try await work().0 }
        let scoped = scope.isEmpty ? key : "\(scope) \(key)"
        try await IdempotencyRecordModel.query(on: database)
            .filter(\.$createdAt < now.addingTimeInterval(-Self.lifetime)).delete()
        if let stored = try await find(scoped, user: user) {
            if let digest = stored.requestDigest, let requestDigest, digest != requestDigest { throw OtherRequest() }
            return try await replayed(stored, replay)
        }
        // Claim the key first: the unique (user, key) index lets only one of two concurrent requests through.
        let claim = IdempotencyRecordModel()
        claim.userID = user
        claim.key = scoped
        claim.status = 0
        claim.body = ""
        claim.requestDigest = requestDigest
        do {
            try await claim.create(on: database)
        } catch {
            if let stored = try await find(scoped, user: user) { return try await replayed(stored, replay) }
            throw error
        }
        let response: Response
        let resource: UUID
        do {
            (response, resource) = try await work()
        } catch {
            try? await claim.delete(on: database)
            throw error
        }
        claim.status = Int(response.status.code)
        claim.body = resource.uuidString
        claim.etag = nil
        try await claim.update(on: database)
        return response
    }

    private func find(_ key: String, user: UUID) async throws -> IdempotencyRecordModel? {
        try await IdempotencyRecordModel.query(on: database).filter(\.$userID == user).filter(\.$key == key).first()
    }

    private func replayed(_ stored: IdempotencyRecordModel, _ replay: (UUID) async throws -> Response) async throws
        -> Response
    {
        guard stored.status != 0 else { throw InProgress() }
        guard let resource = UUID(uuidString: stored.body) else { throw InProgress() }
        let response = try await replay(resource)
        response.status = HTTPResponseStatus(statusCode: stored.status)
        response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        return response
    }
}

extension Request {
    var idempotency: IdempotencyService { IdempotencyService(database: db, now: application.clock.now) }

    /// Idempotency for this request's endpoint: the key is scoped to its method and path. `work` answers and
    /// names the resource it made or changed; a repeat answers with `replay` of that resource.
    func idempotent(
        user: UUID, replay: (UUID) async throws -> Response, _ work: () async throws -> (Response, UUID)
    ) async throws -> Response {
        let digest = body.data.map { TokenDigest.of(String(decoding: $0.readableBytesView, as: UTF8.self)) }
        return try await idempotency.once(
            key: headers.first(name: "Idempotency-Key"), scope: "\(method.rawValue) \(url.path)", user: user,
            requestDigest: digest, replay: replay, work)
    }
}
