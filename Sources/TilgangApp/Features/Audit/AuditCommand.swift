import TilgangDomain
import Vapor

/// `tilgang audit verify`: recomputes the audit log's keyed hash chain and names the first broken row.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "task", help: "verify")
        var task: String
    }

    var help: String { "Kontrollerer revisjonsloggen (tilgang audit verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.task == "verify" else {
            throw ValidationFailure(field: "task", message: "ukjent oppgave «\(signature.task)»; bruk: verify")
        }
        let app = context.application
        switch try await app.auditLog.verify(on: app.db) {
        case .intact(let rows):
            context.console.print("Revisjonsloggen er hel: \(rows) rader kontrollert.")
        case .broken(let sequence, let reason):
            context.console.error("Revisjonsloggen er brutt ved rad \(sequence): \(reason).")
            throw AuditBroken(sequence: sequence)
        }
    }
}

/// The exit status of a broken audit log.
struct AuditBroken: Error, CustomStringConvertible {
    let sequence: Int
    var description: String { "Revisjonsloggen er brutt ved rad \(sequence)." }
}
