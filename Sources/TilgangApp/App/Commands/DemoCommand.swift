import TilgangDomain
import Vapor

/// `tilgang demo load [--allow-production]`: loads the demo catalogue, the demo people and the preparedness demo
/// into the configured database. The demo people share a published password, so production refuses unless told.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "task", help: "load")
        var task: String

        @Flag(name: "allow-production", help: "Load the demo people even in production (they share a public password)")
        var allowProduction: Bool
    }

    var help: String { "Laster demodata (katalog, demobrukere med felles passord, beredskapsdata)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.task == "load" else {
            throw ValidationFailure(field: "task", message: "ukjent oppgave «\(signature.task)»; bruk: load")
        }
        let app = context.application
        guard app.environment != .production || signature.allowProduction else {
            throw ValidationFailure(
                field: "--allow-production",
                message: "demobrukerne har et offentlig passord; i produksjon kreves --allow-production")
        }
        try await app.autoMigrate()
        try await ServeBootstrap.loadDemoData(app)
        context.console.print("Demodata lastet.")
    }
}
