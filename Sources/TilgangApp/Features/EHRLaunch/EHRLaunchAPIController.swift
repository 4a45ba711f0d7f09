import TilgangDomain
import Vapor

/// The EHR's back channel (SMART App Launch's EHR launch with the context pushed ahead): `POST /api/v1/launches`
/// takes the signed launch context and answers the opaque launch id and the URL the EHR opens in the browser. The
/// context's signature is the caller's authentication; without EHR configuration the endpoint answers 404.
struct EHRLaunchAPIController: RouteCollection {
    /// The context is a few hundred bytes; a larger body is not a launch.
    static let maxBody: ByteCount = "16kb"

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "launches", body: .collect(maxSize: Self.maxBody), use: create)
    }

    struct LaunchRequest: Content {
        var context: String?
    }

    struct LaunchResponse: Content {
        let launch: String
        let expiresAt: Date
        let launchURL: String
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        guard let settings = req.application.ehrLaunch else {
            throw Abort(.notFound, reason: EHRLaunchError.notConfigured.reason)
        }
        guard let context = try req.content.decode(LaunchRequest.self).context, !context.isEmpty else {
            throw ValidationFailure(field: "context", message: "mangler den signerte oppstartskonteksten")
        }
        do {
            let (id, expires) = try await req.ehrLaunches.accept(context: context)
            let body = LaunchResponse(
                launch: id, expiresAt: expires, launchURL: EHRLaunchPageController.launchURL(settings, id: id))
            return try await body.encodeResponse(status: .created, for: req)
        } catch let error as EHRLaunchError {
            req.logger.notice("ehr: launch context refused: \(error.code)")
            throw Abort(error.status, reason: error.reason)
        }
    }
}
