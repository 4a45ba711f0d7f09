import Logging
import TilgangApp
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try PatientSafeLogHandler.bootstrap(from: &env)
        env.arguments = InputFile.arguments(env.arguments)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            if ServeBootstrap.isServeCommand(env.arguments) { try await ServeBootstrap.prepareDatabase(app) }
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            exit(1)
        }
        do {
            try await app.execute()
        } catch {
            // The command runner has already reported the error.
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }
}
