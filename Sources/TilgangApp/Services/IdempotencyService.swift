import Fluent
import Vapor

/// Repeated requests with the same `Idempotency-Key` (per user) get the first answer instead of acting twice.
struct IdempotencyService {
    let database: any Database

    /// Runs `work` once per key and user; a repeat returns the stored status and body.
    func once(key: String?, user: UUID, _ work: () async throws -> Response) async throws -> Response {
        guard let key, !key.isEmpty else { return try await work() }
        if let stored = try await IdempotencyRecordModel.query(on: database)
            .filter(\.$userID == user).filter(\.$key == key).first()
        {
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            return Response(
                status: HTTPResponseStatus(statusCode: stored.status), headers: headers,
                body: .init(string: stored.body))
        }
        let response = try await work()
        let record = IdempotencyRecordModel()
        record.userID = user
        record.key = key
        record.status = Int(response.status.code)
        record.body = response.body.string ?? ""
        try await record.create(on: database)
        return response
    }
}

extension Request {
    var idempotency: IdempotencyService { IdempotencyService(database: db) }
}
