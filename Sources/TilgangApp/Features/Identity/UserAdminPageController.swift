import TilgangDomain
import Vapor

/// The administrator's user pages (`/admin/brukere`) and API (`/api/v1/users`): list, create, deactivate,
/// reactivate and reset password, all within the administrator's own organisation.
struct UserAdminController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            let users = routes.grouped("users").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            users.get(use: listAPI)
            users.post(use: createAPI)
            users.post(":id", "actions", use: changeAPI)
        } else {
            let pages = routes.grouped(SiteURL.admin, SiteURL.users).grouped(
                SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
                CSRFMiddleware())
            pages.get(use: page)
            pages.post(use: createPage)
            pages.post(":id", use: changePage)
        }
    }

    // MARK: - API

    @Sendable
    func listAPI(req: Request) async throws -> [UserAdminService.UserDTO] {
        try await req.userAdmin.list(by: try req.user)
    }

    @Sendable
    func createAPI(req: Request) async throws -> Response {
        let created = try await req.userAdmin.create(
            try req.content.decode(UserAdminService.NewUser.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func changeAPI(req: Request) async throws -> UserAdminService.UserDTO {
        try await req.userAdmin.change(
            try Self.userID(req), try req.content.decode(UserAdminService.Change.self), by: try req.user)
    }

    // MARK: - Pages

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, input: .init(), failure: nil, message: Flash.take(req))
    }

    @Sendable
    func createPage(req: Request) async throws -> Response {
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
    func changePage(req: Request) async throws -> Response {
        let change = try req.content.decode(UserAdminService.Change.self)
        let message: String
        do {
            let user = try await req.userAdmin.change(try Self.userID(req), change, by: try req.user)
            message =
                "\(user.username): "
                + (change.action == "reset_password" ? "nytt passord satt." : user.active ? "aktiv." : "deaktivert.")
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
                    hprNumber: input.hprNumber ?? ""),
                errors: failure?.messagesByField ?? [:]))
    }

    static func userID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw Abort(.notFound, reason: "Fant ingen slik bruker i din organisasjon.")
        }
        return id
    }
}

struct UserAdminContext: Encodable {
    struct Input: Encodable {
        let username: String
        let displayName: String
        let hprNumber: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let message: String?
    let users: [UserAdminService.UserDTO]
    let roles: [SelectOption]
    let departments: [SelectOption]
    let input: Input
    let errors: [String: String]
}
