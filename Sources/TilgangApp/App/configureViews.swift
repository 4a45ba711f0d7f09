import Leaf
import Vapor

/// Security headers, Leaf pages, static files from `Public/`, sessions, the one error middleware for pages and API,
/// and 405 for a path used with a method it does not take.
func configureViews(_ app: Application) {
    app.views.use(.leaf)
    app.leaf.tags["decimal"] = DecimalTag()
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(TilgangErrorMiddleware())
    app.middleware.use(MethodNotAllowedMiddleware())
    app.middleware.use(StaticFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
}
