import Fluent
import FluentSQLiteDriver
import Foundation
import TilgangDomain
import Vapor

/// `tilgang backup FILE`: a consistent copy of the SQLite database, taken while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup (must not exist)")
        var file: String
    }

    var help: String { "Tar sikkerhetskopi av SQLite-databasen mens tjenesten kjører (tilgang backup FIL)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqlite = app.databaseLocation else {
            throw ValidationFailure(
                field: "DATABASE_URL", message: "PostgreSQL sikkerhetskopieres med pg_dump (se docs/operations.md)")
        }
        let target = URL(fileURLWithPath: signature.file).standardizedFileURL.path
        try await SQLiteBackup.backup(app.db, to: target)
        let counts = try await RestoreCommand.counts(ofSQLiteFile: target, app: app)
        context.console.print(
            "Sikkerhetskopien er skrevet til \(target): \(counts.cases) saker, \(counts.audit) rader i revisjonsloggen."
        )
    }
}
