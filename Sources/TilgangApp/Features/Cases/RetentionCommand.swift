import TilgangDomain
import Vapor

/// `tilgang retention run [--today YYYY-MM-DD]`: purges patient data whose retention time is over.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "task", help: "run")
        var task: String

        @Option(name: "today", help: "The day to apply the rules for (default: today in Europe/Oslo)")
        var today: String?
    }

    var help: String { "Sletter pasientopplysninger i avgjorte saker når oppbevaringstiden er ute." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.task == "run" else {
            throw ValidationFailure(field: "task", message: "ukjent oppgave «\(signature.task)»; bruk: run")
        }
        let today =
            try signature.today.map {
                guard let date = CalendarDate(iso: $0) else {
                    throw ValidationFailure(field: "--today", message: "«\($0)» er ikke en dato (ÅÅÅÅ-MM-DD)")
                }
                return date
            } ?? context.application.clock.today
        let app = context.application
        let result = try await RetentionService(database: app.db, audit: app.auditLog, clock: app.clock).run(
            today: today)
        context.console.print(
            "Oppbevaring \(today.norwegian): \(result.purged.count) saker slettet for pasientopplysninger, "
                + "\(result.kept) beholdt.")
        for caseNumber in result.purged { context.console.print("  \(caseNumber)") }
    }
}
