import TilgangDomain
import Vapor

/// Substitutes: a leader names who acts in their role while they are away (page on «Min side», and the API).
struct SubstitutionController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            let group = routes.grouped("substitutions")
                .grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            group.post(use: createAPI)
        } else {
            routes.grouped(
                SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware(path: "/logg-inn"), CSRFMiddleware()
            ).post(SiteURL.myPage, "stedfortreder", use: createPage)
        }
    }

    @Sendable
    func createAPI(req: Request) async throws -> Response {
        let created = try await req.substitutions.create(
            try req.content.decode(SubstitutionService.Input.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func createPage(req: Request) async throws -> Response {
        do {
            let created = try await req.substitutions.create(
                try req.content.decode(SubstitutionService.Input.self), by: try req.user)
            let message = "\(created.substitute) er stedfortreder \(created.from)–\(created.to)."
            return req.redirect(
                to: "/min-side?melding=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        } catch let failure as ValidationFailure {
            return req.redirect(
                to: "/min-side?melding="
                    + (failure.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }
}
