import TilgangDomain
import Vapor

/// Stand-ins on «Min side»: a leader names who acts in their role while they are away, sees them there and
/// revokes them.
struct SubstitutionPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.post(SiteURL.myPage, "stedfortreder", use: create)
        pages.post(SiteURL.myPage, "stedfortreder", ":id", "avslutt", use: revoke)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
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
    func revoke(req: Request) async throws -> Response {
        try await req.substitutions.revoke(try SubstitutionAPIController.id(req), by: try req.user)
        return Flash.redirect(req, to: SiteURL.absolute(SiteURL.myPage), "Stedfortrederen er avsluttet.")
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
