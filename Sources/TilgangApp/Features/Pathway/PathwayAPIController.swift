import TilgangDomain
import Vapor

/// `POST /api/v1/pathway`: scenario JSON in, route decision JSON out; 422 names every invalid field.
struct PathwayAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, SiteURL.API.pathway, body: .collect(maxSize: "1mb"), use: decide)
    }

    @Sendable
    func decide(req: Request) async throws -> RouteDecision {
        guard let body = req.body.data else {
            throw ValidationFailure(field: "$", message: "forespørselen mangler JSON-innhold")
        }
        return try await req.pathway.decide(json: Data(buffer: body))
    }
}

extension RouteDecision: Content {}
