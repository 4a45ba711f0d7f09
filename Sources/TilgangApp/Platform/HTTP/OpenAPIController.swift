import Vapor

/// Serves the OpenAPI document that describes every `/api/v1` endpoint.
struct OpenAPIController: RouteCollection {
    let document: ByteBuffer

    init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw Abort(.internalServerError, reason: "openapi.json mangler i programpakken")
        }
        document = ByteBuffer(data: try Data(contentsOf: url))
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.API.openAPI, use: openAPI)
    }

    @Sendable
    func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: document))
    }
}
