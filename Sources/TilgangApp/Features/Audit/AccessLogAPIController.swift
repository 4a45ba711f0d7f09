import Vapor

/// «Innsyn i logg» over the API (`/api/v1/audit/patient-access`): who has read a patient's cases. The identity
/// number travels in the body, never in a URL, so it does not end up in access logs.
struct AccessLogAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            .post("audit", "patient-access", use: lookup)
    }

    @Sendable
    func lookup(req: Request) async throws -> [AccessLogService.Entry] {
        let nin = try req.content.decode(AccessLogLookup.self).nin()
        return try await req.accessLog.entries(for: nin, requestedBy: try req.user)
    }
}
