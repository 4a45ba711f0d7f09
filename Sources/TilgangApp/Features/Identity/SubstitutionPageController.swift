import TilgangDomain
import Vapor

/// Stand-ins: a leader names who acts in their role while they are away, sees them on «Min side» and revokes
/// them (page and API).
struct SubstitutionController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            let group = routes.grouped("substitutions")
                .grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            group.post(use: createAPI)
            group.get(use: listAPI)
            group.delete(":id", use: revokeAPI)
        } else {
            let pages = routes.grouped(
                SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
                CSRFMiddleware())
            pages.post(SiteURL.myPage, "stedfortreder", use: createPage)
            pages.post(SiteURL.myPage, "stedfortreder", ":id", "avslutt", use: revokePage)
        }
    }

    @Sendable
    func createAPI(req: Request) async throws -> Response {
        let created = try await req.substitutions.create(
            try req.content.decode(SubstitutionService.Input.self), by: try req.user, today: req.clock.today)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func listAPI(req: Request) async throws -> [SubstitutionService.Output] {
        try await req.substitutions.current(of: try req.user, today: req.clock.today)
    }

    @Sendable
    func revokeAPI(req: Request) async throws -> HTTPStatus {
        try await req.substitutions.revoke(try Self.id(req), by: try req.user)
        return .noContent
    }

    @Sendable
    func createPage(req: Request) async throws -> Response {
        do {
            let created = try await req.substitutions.create(
                try req.content.decode(SubstitutionService.Input.self), by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.myPage),
                "\(created.substituteName) er stedfortreder \(created.from)–\(created.to).")
        } catch let failure as ValidationFailure {
            let text = failure.errors.map { "\(SubstitutionService.label($0.field)) \($0.message)" }
                .joined(separator: "; ")
            return Flash.redirect(req, to: SiteURL.absolute(SiteURL.myPage), "Ikke oppnevnt: \(text).")
        }
    }

    @Sendable
    func revokePage(req: Request) async throws -> Response {
        try await req.substitutions.revoke(try Self.id(req), by: try req.user)
        return Flash.redirect(req, to: SiteURL.absolute(SiteURL.myPage), "Stedfortrederen er avsluttet.")
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "Fant ingen slik stedfortreder.")
        }
        return id
    }
}

extension SubstitutionService {
    /// The form's Norwegian label for a field in an error message.
    static func label(_ field: String) -> String {
        switch field {
        case "substituteUsername": "Stedfortreder:"
        case "from": "Fra:"
        case "to": "Til og med:"
        default: "\(field):"
        }
    }
}
