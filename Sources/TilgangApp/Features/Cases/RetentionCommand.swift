import TilgangDomain
import Vapor

/// `tilgang retention run [--today YYYY-MM-DD]`: purges patient data whose retention time is over, in batches
/// (`RetentionService`), each purged reference printed as its batch commits and the counts at the end.
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
        let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
        var lastLine = ContinuousClock.now
        let result = try await service.run(today: today) { references, soFar in
            for reference in references { context.console.print("  \(reference)") }
            // Progress on stderr every two seconds: a ten-year run purges millions in batches.
            guard ContinuousClock.now - lastLine >= .seconds(2) else { return }
            lastLine = .now
            FileHandle.standardError.write(
                Data("Oppbevaring: \(soFar.purgedCount) slettet, \(soFar.kept) beholdt så langt\n".utf8))
        }
        context.console.print(
            "Oppbevaring \(today.norwegian): \(result.purgedCount) saker slettet for pasientopplysninger, "
                + "\(result.kept) beholdt; \(result.accessRequestsPurged) innsynsforespørsler slettet for begrunnelser."
        )
    }
}
