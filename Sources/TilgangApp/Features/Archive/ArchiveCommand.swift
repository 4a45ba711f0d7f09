import Fluent
import TilgangDomain
import Vapor

/// `tilgang archive export --out DIR (--case NUMBER | --from YYYY-MM-DD --to YYYY-MM-DD)`: writes the Noark 5
/// package of one decided case, or of every case decided in the range (Oslo days, both included), into DIR, one
/// zip each, and prints what it wrote. Each package is in the audit log (actor `system`, role `archive-export`).
struct ArchiveCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "task", help: "export")
        var task: String

        @Option(name: "out", help: "The directory to write the packages to (made if missing)")
        var out: String?

        @Option(name: "case", help: "One case number, e.g. SI-2026-000123")
        var caseNumber: String?

        @Option(name: "from", help: "First day of decision (YYYY-MM-DD)")
        var from: String?

        @Option(name: "to", help: "Last day of decision (YYYY-MM-DD)")
        var to: String?
    }

    var help: String { "Lager Noark 5-arkivpakker (zip) for avgjorte saker, til arkivsystemet (Public 360)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.task == "export" else {
            throw ValidationFailure(field: "task", message: "ukjent oppgave «\(signature.task)»; bruk: export")
        }
        guard let out = signature.out, !out.isEmpty else {
            throw ValidationFailure(field: "--out", message: "oppgi mappen pakkene skal skrives til")
        }
        let app = context.application
        let ids = try await Self.caseIDs(signature, on: app.db)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let cases = CaseService(
            database: app.db, pathway: app.pathway(on: app.db), audit: app.auditLog, writes: app.caseWrites,
            identity: app.identityCache, clock: app.clock)
        let service = ArchivePackageService(
            database: app.db, cases: cases, audit: app.auditLog, views: app.view, clock: app.clock)
        var written = 0
        for id in ids {
            guard let record = try await CaseStore(app.db).record(id) else { continue }
            let package = try await service.package(record)
            let path = URL(fileURLWithPath: out).appendingPathComponent(package.fileName).path
            try package.zip.write(to: URL(fileURLWithPath: path))
            context.console.print("\(path) (\(package.paths.count) filer, \(package.zip.count) byte)")
            written += 1
        }
        context.console.print("Arkivpakker skrevet: \(written).")
    }

    /// The decided (approved or refused) cases asked for, oldest decision first.
    static func caseIDs(_ signature: Signature, on db: any Database) async throws -> [UUID] {
        let decided = [CaseState.approved.rawValue, CaseState.refused.rawValue]
        var query = CaseModel.query(on: db).filter(\.$state ~~ decided).filter(\.$decidedAt != nil)
        if let number = signature.caseNumber {
            guard signature.from == nil, signature.to == nil else {
                throw ValidationFailure(field: "--case", message: "bruk enten --case eller --from/--to, ikke begge")
            }
            query = query.filter(\.$caseNumber == number)
            let found = try await query.all().compactMap(\.id)
            guard !found.isEmpty else {
                throw ValidationFailure(field: "--case", message: "fant ingen avgjort sak med saksnummer «\(number)»")
            }
            return found
        }
        guard let fromText = signature.from, let toText = signature.to else {
            throw ValidationFailure(field: "--from", message: "oppgi --case NUMMER, eller både --from og --to")
        }
        guard let from = CalendarDate(iso: fromText) else {
            throw ValidationFailure(field: "--from", message: "«\(fromText)» er ikke en dato (ÅÅÅÅ-MM-DD)")
        }
        guard let to = CalendarDate(iso: toText), from <= to else {
            throw ValidationFailure(
                field: "--to", message: "«\(toText)» er ikke en dato (ÅÅÅÅ-MM-DD) fra --from og senere")
        }
        // Oslo days: a wide window in SQL, the exact days here.
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber ?? 0
        let start = Date(timeIntervalSince1970: Double(from.dayNumber - epoch - 1) * 86_400)
        let end = Date(timeIntervalSince1970: Double(to.dayNumber - epoch + 2) * 86_400)
        let models = try await query.filter(\.$decidedAt >= start).filter(\.$decidedAt < end).sort(\.$decidedAt).all()
        return models.filter { model in
            guard let decided = model.decidedAt else { return false }
            let day = CalendarDate(osloDay: decided)
            return from <= day && day <= to
        }.compactMap(\.id)
    }
}
