import Foundation
import TilgangDomain
import Vapor

/// Loads the versioned reference data the rules read and makes the services reachable.
func configureServices(_ app: Application, settings: TilgangSettings) throws {
    guard let url = Bundle.module.url(forResource: "notification-countries", withExtension: "csv") else {
        throw Abort(.internalServerError, reason: "notification-countries.csv mangler i programpakken")
    }
    let csv = try String(contentsOf: url, encoding: .utf8)
    app.routeEngine = RouteEngine(notificationCountries: try NotificationCountryList(csv: csv))
    app.auditKey = SymmetricKey(data: Data(settings.auditKey.utf8))
    app.auditHeadHint = AuditHeadHint()
    let audit = app.auditLog
    app.readAudit = GroupCommit(database: app.writerDatabase) { entries, db in
        try await audit.append(entries, on: db)
        return entries.map { _ in .success(()) }
    }
    app.caseChanges = GroupCommit(database: app.writerDatabase) { changes, db in
        try await CaseChange.commit(changes, audit: audit, on: db)
    }
    app.caseCreations = GroupCommit(database: app.writerDatabase) { creations, db in
        try await CaseCreation.commit(creations, audit: audit, on: db)
    }
    app.identityCache = IdentityCache()
    app.loginGuard = LoginGuard()
    app.festImportJobs = FESTImportJobs()
}

extension Application {
    private struct RouteEngineKey: StorageKey {
        typealias Value = RouteEngine
    }

    /// The route engine with the agency's notification-country list loaded at start-up.
    var routeEngine: RouteEngine {
        get {
            guard let engine = storage[RouteEngineKey.self] else { fatalError("configureServices(_:) not called") }
            return engine
        }
        set { storage[RouteEngineKey.self] = newValue }
    }

    private struct ReadAuditKey: StorageKey {
        typealias Value = GroupCommit<AuditLogService.Entry, Void>
    }

    /// The audit rows of case reads, group-committed.
    var readAudit: GroupCommit<AuditLogService.Entry, Void> {
        get {
            guard let commit = storage[ReadAuditKey.self] else { fatalError("configureServices(_:) not called") }
            return commit
        }
        set { storage[ReadAuditKey.self] = newValue }
    }

    private struct CaseChangesKey: StorageKey {
        typealias Value = GroupCommit<CaseChange, Void>
    }

    /// Case actions, group-committed.
    var caseChanges: GroupCommit<CaseChange, Void> {
        get {
            guard let commit = storage[CaseChangesKey.self] else { fatalError("configureServices(_:) not called") }
            return commit
        }
        set { storage[CaseChangesKey.self] = newValue }
    }

    private struct CaseCreationsKey: StorageKey {
        typealias Value = GroupCommit<CaseCreation, UUID>
    }

    /// New cases, group-committed.
    var caseCreations: GroupCommit<CaseCreation, UUID> {
        get {
            guard let commit = storage[CaseCreationsKey.self] else { fatalError("configureServices(_:) not called") }
            return commit
        }
        set { storage[CaseCreationsKey.self] = newValue }
    }

    var pathway: PathwayService { PathwayService(engine: routeEngine, catalogue: catalogue) }

    private struct AuditKeyKey: StorageKey {
        typealias Value = SymmetricKey
    }

    /// The key of the audit chain and of patient keys.
    var auditKey: SymmetricKey {
        get {
            guard let key = storage[AuditKeyKey.self] else { fatalError("configureServices(_:) not called") }
            return key
        }
        set { storage[AuditKeyKey.self] = newValue }
    }
}

extension Request {
    var pathway: PathwayService { PathwayService(engine: application.routeEngine, catalogue: catalogue) }
}
