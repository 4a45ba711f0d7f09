import Fluent
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
    let clock = app.clock
    app.caseWrites = GroupCommit(database: app.writerDatabase) { writes, db in
        try await CaseWrite.commit(writes, audit: audit, now: clock.now, on: db)
    }
    app.identityCache = IdentityCache()
    app.catalogueCache = CatalogueCache()
    app.statisticsCache = StatisticsCache()
    app.loginGuard = LoginGuard()
    app.passwordHashing = PasswordHashing()
    app.lifecycle.use(PasswordHashingLifecycle())
    app.festImportJobs = FESTImportJobs()
}

extension Application {
    /// A service `configureServices` stored at start-up; asking for one before that is a programming error.
    func configuredService<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("configureServices(_:) not called") }
        return value
    }

    private struct RouteEngineKey: StorageKey {
        typealias Value = RouteEngine
    }

    /// The route engine with the agency's notification-country list loaded at start-up.
    var routeEngine: RouteEngine {
        get { configuredService(RouteEngineKey.self) }
        set { storage[RouteEngineKey.self] = newValue }
    }

    private struct CaseWritesKey: StorageKey {
        typealias Value = GroupCommit<CaseWrite, UUID?>
    }

    /// New cases, case actions and the audit rows of case reads, group-committed.
    var caseWrites: GroupCommit<CaseWrite, UUID?> {
        get { configuredService(CaseWritesKey.self) }
        set { storage[CaseWritesKey.self] = newValue }
    }

    var pathway: PathwayService { pathway(on: db) }

    /// Route decisions reading the catalogue on `database`.
    func pathway(on database: any Database) -> PathwayService {
        PathwayService(engine: routeEngine, catalogue: catalogue(on: database))
    }

    private struct AuditKeyKey: StorageKey {
        typealias Value = SymmetricKey
    }

    /// The key of the audit chain and of patient keys.
    var auditKey: SymmetricKey {
        get { configuredService(AuditKeyKey.self) }
        set { storage[AuditKeyKey.self] = newValue }
    }
}

extension Request {
    var pathway: PathwayService { application.pathway(on: db) }
}
