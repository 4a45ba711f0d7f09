import Fluent
import SQLKit
import Vapor

/// `/healthz`: 200 when the database answers, 503 when it does not. `/ping` answers without touching the
/// database: the framework's ceiling in the load benchmark.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthz, use: health)
        routes.get(SiteURL.ping, use: ping)
    }

    @Sendable
    func ping(req: Request) -> String { "ok" }

    @Sendable
    func health(req: Request) async throws -> Response {
        let status: Status
        let code: HTTPResponseStatus
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("SELECT 1").run()
            (status, code) = (Status(status: "ok", database: "ok"), .ok)
        } catch {
            (status, code) = (Status(status: "unavailable", database: "svarer ikke"), .serviceUnavailable)
        }
        let response = Response(status: code)
        try response.content.encode(status)
        return response
    }
}
