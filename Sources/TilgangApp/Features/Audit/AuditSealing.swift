import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Seals the case steps written before steps were sealed (databases from before this version), once: one audit
/// row per such case with its steps' seals, then a marker row. From then on every step is sealed as it is written,
/// and `audit verify` expects every stored step to be.
enum AuditSealing {
    static let markerAction = "audit.sealing_began"

    static func sealExisting(_ app: Application) async throws {
        let audit = app.auditLog
        // `first`, not `count`: the marker is among the oldest rows, so the scan stops there instead of reading
        // every row of the log (tens of millions after ten years) at each start.
        let began = try await AuditEntryModel.query(on: app.db).filter(\.$action == markerAction).first() != nil
        guard !began else { return }
        let cases = try await AuditLogService.storedCases(on: app.db).filter { !$0.transitions.isEmpty }
        let system = AuditActor(id: "tilgang", role: "system", trust: "-")
        let now = app.clock.now
        var entries = cases.map { stored in
            AuditLogService.Entry(
                action: "case.sealed_existing", actor: system, caseID: stored.caseNumber, patientKey: nil,
                detail: stored.transitions.map { DecisionSeal.marker + audit.sealHash($0) }.joined(separator: " "),
                at: now)
        }
        entries.append(
            AuditLogService.Entry(
                action: markerAction, actor: system, caseID: nil, patientKey: nil,
                detail: "\(cases.count) saker med eldre steg forseglet", at: now))
        let rows = entries
        try await app.db.writeTransaction { db in try await audit.append(rows, on: db) }
        app.logger.notice("Revisjonsloggen forsegler nå sakssteg (\(cases.count) eldre saker forseglet).")
    }
}
