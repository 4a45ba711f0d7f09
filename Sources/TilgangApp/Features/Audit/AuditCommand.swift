import Fluent
import Foundation
import TilgangDomain
import Vapor

/// `tilgang audit verify [--anchor FILE]` recomputes the audit log's keyed hash chain, checks it against the
/// operator's checkpoints and the case rows it vouches for, and names the first problem (exit 1). It streams (memory
/// stays flat however long the log), prints progress on stderr and its rate at the end.
/// `tilgang audit anchor --file FILE` appends a signed checkpoint of the chain's head to FILE.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "task", help: "verify or anchor")
        var task: String

        @Option(name: "anchor", help: "verify: the checkpoint file written by `tilgang audit anchor`")
        var anchor: String?

        @Option(name: "file", help: "anchor: the checkpoint file to append to (kept outside the database)")
        var file: String?
    }

    var help: String { "Kontrollerer revisjonsloggen (verify) eller skriver et signert sjekkpunkt (anchor)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.task {
        case "verify":
            let checkpoints = try signature.anchor.map(AuditCheckpointFile.read) ?? []
            var report = AuditVerifyReport()
            let verdict = try await app.auditLog.verify(on: app.db, checkpoints: checkpoints) {
                report.progress($0)
            }
            switch verdict {
            case .intact(let rows):
                context.console.print(
                    "Revisjonsloggen er hel: \(rows) rader kontrollert"
                        + (checkpoints.isEmpty ? "." : " mot \(checkpoints.count) sjekkpunkter.")
                        + " \(report.rate(rows)) rader/s (\(report.seconds) s).")
            case .broken(let sequence, let reason):
                context.console.error("Revisjonsloggen er brutt ved rad \(sequence): \(reason).")
                throw AuditBroken(sequence: sequence)
            }
        case "anchor":
            guard let file = signature.file else {
                throw ValidationFailure(field: "--file", message: "oppgi filen sjekkpunktet skal skrives til")
            }
            let head = try await AuditHeadModel.find(AuditLogService.headName, on: app.db)
            let link = AuditChain.Link(sequence: head?.sequence ?? 0, hash: head?.hash ?? AuditChain.genesis)
            let at = ISO8601DateFormatter().string(from: app.clock.now)
            try AuditCheckpointFile.append(app.auditLog.chain.checkpoint(link, at: at), to: file)
            context.console.print("Sjekkpunkt skrevet: rad \(link.sequence), \(at).")
        default:
            throw ValidationFailure(field: "task", message: "ukjent oppgave «\(signature.task)»; bruk: verify, anchor")
        }
    }
}
