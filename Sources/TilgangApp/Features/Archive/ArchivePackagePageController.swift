import Vapor

/// `/saker/{id}/arkivpakke`: the decided case's Noark 5 package for whoever may read the case.
struct ArchivePackagePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) })
        pages.get(SiteURL.cases, ":id", SiteURL.archivePackage, use: download)
    }

    @Sendable
    func download(req: Request) async throws -> Response {
        let package = try await req.archivePackages.package(try CaseAPIController.caseID(req), for: try req.user)
        return ArchivePackageResponse.make(package)
    }
}
