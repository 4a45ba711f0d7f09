import Fluent
import TilgangDomain
import Vapor

/// `tilgang import catalogue FILE`: all-or-nothing upsert of a catalogue file (docs/catalogue-format.md).
/// `tilgang import extract FILE`: a register extract stored as aggregates for the statistics pages (docs/extract-format.md).
/// `tilgang import sites FILE`: all-or-nothing upsert of production sites by name (docs/preparedness.md).
/// `tilgang import fest FILE`: the agency's FEST catalogue, streamed, all or nothing (docs/fest.md).
/// `tilgang import hpr FILE`: all-or-nothing upsert of the trust's HPR register extract (docs/helseid.md).
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "What to import: catalogue, extract, sites, hpr or fest")
        var kind: String

        @Argument(name: "file", help: "Path of the JSON file, or - for standard input")
        var file: String

        @Flag(name: "force", help: "fest: import even if the release retires more than 20 % of the catalogue")
        var force: Bool
    }

    var help: String { "Importerer katalogen (JSON) eller et registeruttrekk (CSV), alt eller ingenting." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.kind == "extract" {
            try await importExtract(signature.file, context: context)
            return
        }
        if signature.kind == "sites" {
            try await importSites(signature.file, context: context)
            return
        }
        if signature.kind == "hpr" {
            try await importHPR(signature.file, context: context)
            return
        }
        if signature.kind == "fest" {
            try await importFEST(signature.file, force: signature.force, context: context)
            return
        }
        guard signature.kind == "catalogue" else {
            throw ValidationFailure(
                field: "kind",
                message: "ukjent import «\(signature.kind)»; bruk: catalogue, extract, sites, hpr eller fest")
        }
        let data = try InputFile.read(signature.file)
        let document = try CatalogueDocument.parse(json: data)
        try await context.application.autoMigrate()
        let result = try await context.application.catalogue.importDocument(document)
        try await CatalogueImportAudit.record(
            result, by: CatalogueImportAudit.commandLineActor, on: context.application)
        let summary =
            "Katalogen er importert: \(result.created) nye, \(result.updated) endret, "
            + "\(result.unchanged) uendret."
        context.console.print(summary)
    }
}

extension ImportCommand {
    /// Seconds since `start`, one decimal, for the command's summary line.
    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(
            format: "%.1f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

extension ImportCommand {
    /// Reads the whole extract first, with progress on standard error every million rows, then stores the
    /// aggregates of its years in one transaction.
    func importExtract(_ path: String, context: CommandContext) async throws {
        let started = ContinuousClock.now
        let service = context.application.statistics
        let aggregates = try service.importExtract(path) { rows in
            FileHandle.standardError.write(Data("  … \(rows / 1_000_000) millioner rader lest\n".utf8))
        }
        try await context.application.autoMigrate()
        let result = try await service.store(aggregates)
        context.console.print(
            "Uttrekket er importert: år \(result.years.map(String.init).joined(separator: ", ")), "
                + "\(result.groups) ATC-grupper, \(Self.seconds(since: started)) s.")
    }
}

extension ImportCommand {
    /// Checks every row of the production-site file first (the first bad line is named), then upserts by name.
    func importSites(_ path: String, context: CommandContext) async throws {
        guard let text = String(data: try InputFile.read(path), encoding: .utf8) else {
            throw ValidationFailure(field: "file", message: "filen er ikke UTF-8")
        }
        let sites = try ProductionSiteCSV.parse(text)
        try await context.application.autoMigrate()
        let result = try await context.application.productionSites.importSites(
            sites, by: AuditActor(id: "tilgang import sites", role: "system", trust: "-"))
        context.console.print(
            "Produksjonsstedene er importert: \(result.created) nye, \(result.updated) endret, "
                + "\(result.unchanged) uendret.")
    }
}

extension ImportCommand {
    /// Checks every row of the HPR register file first (the first bad line is named), then upserts by HPR number.
    func importHPR(_ path: String, context: CommandContext) async throws {
        guard let text = String(data: try InputFile.read(path), encoding: .utf8) else {
            throw ValidationFailure(field: "file", message: "filen er ikke UTF-8")
        }
        let entries = try HPRRegisterCSV.parse(text)
        try await context.application.autoMigrate()
        let app = context.application
        let result = try await HPRRegisterService(database: app.db).importEntries(
            entries, by: AuditActor(id: "tilgang import hpr", role: "system", trust: "-"), audit: app.auditLog)
        context.console.print(
            "HPR-registeret er importert: \(result.created) nye, \(result.updated) endret, "
                + "\(result.unchanged) uendret.")
    }
}

extension ImportCommand {
    /// Streams the whole FEST file first, with progress on standard error, then stores it in one transaction.
    func importFEST(_ path: String, force: Bool, context: CommandContext) async throws {
        let started = ContinuousClock.now
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var reported = 0
        // The parsed release is dropped once mapped: only the mapping is held while the database is written.
        let today = context.application.clock.today
        let mapping = FESTCatalogue.map(
            try FESTImportService.read(path) { bytes in
                let step = size > 0 ? bytes * 10 / size : bytes >> 24
                guard step > reported else { return }
                reported = step
                let text = size > 0 ? "\(step * 10) %" : "\(bytes >> 20) MB"
                FileHandle.standardError.write(Data("  … \(text) lest\n".utf8))
            }, on: today)
        try await context.application.autoMigrate()
        let result = try await context.application.festImport.store(mapping, force: force)
        try await FESTImportAudit.record(result, by: CatalogueImportAudit.commandLineActor, on: context.application)
        context.console.print(
            "\(mapping.release) er importert: \(result.added) nye, \(result.changed) endret, "
                + "\(result.retired) utgått, \(result.unchanged) uendret "
                + "(\(Self.seconds(since: started)) s). Kilde: FEST, DMP.")
    }
}
