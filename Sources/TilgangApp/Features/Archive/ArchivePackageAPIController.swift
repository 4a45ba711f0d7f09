import Vapor

/// `GET /api/v1/cases/{id}/archive-package`: the decided case's Noark 5 package (zip) for whoever may read it.
struct ArchivePackageAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        cases.get(":id", "archive-package", use: download)
    }

    @Sendable
    func download(req: Request) async throws -> Response {
        let package = try await req.archivePackages.package(try CaseAPIController.caseID(req), for: try req.user)
        return ArchivePackageResponse.make(package)
    }
}
