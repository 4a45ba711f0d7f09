import TilgangDomain
import Vapor

/// The administrator's user pages (`/admin/brukere`): list, create, deactivate, reactivate and reset password, all
/// within the administrator's own organisation.
struct UserAdminPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(SiteURL.admin, SiteURL.users).grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(use: page)
        pages.post(use: create)
        pages.post(":id", use: change)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, input: .init(), failure: nil, message: Flash.take(req))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserAdminService.NewUser.self)
        do {
            let created = try await req.userAdmin.create(input, by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.admin, SiteURL.users), "Opprettet \(created.username).")
        } catch let failure as ValidationFailure {
            return try await render(req, input: input, failure: failure, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func change(req: Request) async throws -> Response {
        let change = try req.content.decode(UserAdminService.Change.self)
        let message: String
        do {
            let user = try await req.userAdmin.change(try UserAdminAPIController.userID(req), change, by: try req.user)
            message =
                "\(user.username): "
                + (change.action == "reset_password"
                    ? "nytt passord satt."
                    : change.action == "set_email"
                        ? "e-postadressen er \(user.email.map { "satt til \($0)" } ?? "fjernet")."
                        : user.active ? "aktiv." : "deaktivert.")
        } catch let failure as ValidationFailure {
            message = failure.description
        }
        return Flash.redirect(req, to: SiteURL.absolute(SiteURL.admin, SiteURL.users), message)
    }

    private func render(
        _ req: Request, input: UserAdminService.NewUser, failure: ValidationFailure?, message: String?
    ) async throws -> View {
        let admin = try req.user
        let users = try await req.userAdmin.list(by: admin)
        let departments = try await req.userAdmin.departments(of: admin).map {
            SelectOption(value: $0.id ?? "", label: $0.name, selected: $0.id == input.departmentCode)
        }
        let roles = UserAdminService.trustRoles.map {
            SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == input.role)
        }
        return try await req.view.render(
            "admin/users",
            UserAdminContext(
                title: "Brukere", currentUser: UserView(admin), csrf: CSRF.token(for: req), message: message,
                users: users, roles: roles, departments: departments,
                input: .init(
                    username: input.username ?? "", displayName: input.displayName ?? "",
                    hprNumber: input.hprNumber ?? "", email: input.email ?? ""),
                errors: failure?.messagesByField ?? [:],
                pending: try await req.helseIDRegistrations.pending(of: admin)))
    }
}
