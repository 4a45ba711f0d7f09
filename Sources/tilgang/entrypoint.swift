import Logging
import NIOCore
import NIOPosix
import TilgangApp
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        // Async code runs on the event loops instead of hopping between them and Swift's own pool: the hops were
        // the largest cost left per request (docs/load-benchmark.md). Must be first, on the main thread.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env = try Environment.detect()
        try PatientSafeLogHandler.bootstrap(from: &env)
        env.arguments = InputFile.arguments(env.arguments)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            if ServeBootstrap.isServeCommand(env.arguments) {
                try await ServeBootstrap.prepareDatabase(app)
                MailOutbox.startWorker(in: app)
            }
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
