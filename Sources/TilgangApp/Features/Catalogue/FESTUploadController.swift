import TilgangDomain
import Vapor

/// The administrator's FEST upload (`/admin/fest`): the file streams to a temporary file (never whole in memory),
/// the import runs in the background, and the job page follows its progress without JavaScript.
struct FESTUploadController: RouteCollection {
    static let maxUpload = 400 << 20

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            AdministratorOnlyMiddleware())
        pages.get(SiteURL.admin, "fest", use: page)
        // The body streams: the CSRF token is the form's first part (or the X-CSRF-Token header), checked by
        // `FESTUpload` before the file's first byte is written; never in the URL.
        pages.on(.POST, SiteURL.admin, "fest", body: .stream, use: upload)
        pages.get(SiteURL.admin, "fest", "jobb", ":id", use: jobPage)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, error: nil)
    }

    private func render(_ req: Request, error: String?) async throws -> View {
        try await req.view.render(
            "admin/fest",
            FESTUploadContext(
                title: "Importer FEST", currentUser: UserView(try req.user), csrf: CSRF.token(for: req),
                jobs: req.application.festImportJobs.recent.map(FESTJobView.init), error: error))
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        guard let boundary = req.headers.contentType?.parameters["boundary"],
            req.headers.contentType?.subType == "form-data"
        else {
            return try await render(req, error: "Velg en FEST-fil (XML) og prøv igjen.")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let upload = try await FESTUpload.receive(
            req.body, boundary: boundary, limit: Self.maxUpload,
            authorised: CSRF.isValid(req.headers.first(name: "X-CSRF-Token"), for: req),
            isValidToken: { CSRF.isValid($0, for: req) })
        guard upload.bytes > 0 else {
            try? FileManager.default.removeItem(atPath: upload.path)
            return try await render(req, error: "Filen var tom. Velg FEST-filen (fest251.xml).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let id = req.application.festImportJobs.start(
            path: upload.path, fileName: upload.fileName, by: try req.user, app: req.application)
        return req.redirect(to: SiteURL.record(SiteURL.admin, SiteURL.fest, SiteURL.festJob, id: id.uuidString))
    }

    @Sendable
    func jobPage(req: Request) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self), let job = req.application.festImportJobs.job(id) else {
            throw Abort(.notFound, reason: "Fant ikke importen.")
        }
        return try await req.view.render(
            "admin/fest-job",
            FESTJobContext(title: "FEST-import", currentUser: UserView(try req.user), job: FESTJobView(job)))
    }
}
