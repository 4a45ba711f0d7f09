import Fluent
import TilgangDomain
import Vapor

/// Removes patient data from decided cases whose retention time is over (SPEC §5.9: 10 years; seed 000: 30 years
/// for advanced therapy). The case, its history and the audit log stay; the purge itself is audit-logged.
struct RetentionService {
    static let purgedText = "[slettet etter oppbevaringstiden]"

    let database: any Database
    let audit: AuditLogService

    struct Result: Equatable {
        var purged: [String] = []
        var kept = 0
    }

    func run(today: CalendarDate) async throws -> Result {
        try await database.transaction { db in
            var result = Result()
            let decided = try await CaseModel.query(on: db).filter(\.$decidedAt != nil).filter(\.$purgedAt == nil).all()
            for model in decided {
                guard let decidedAt = model.decidedAt,
                    RetentionPolicy.isDue(
                        decided: CalendarDate(osloDay: decidedAt), years: model.retentionYears, today: today)
                else {
                    result.kept += 1
                    continue
                }
                model.patientNIN = nil
                model.patientKey = nil
                model.justification = Self.purgedText
                model.alternatives = Self.purgedText
                model.expectedBenefit = Self.purgedText
                model.purgedAt = Date()
                try await model.update(on: db)
                try await audit.append(
                    "case.purge", by: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                    caseID: model.caseNumber, patientKey: nil, detail: "retention \(model.retentionYears) years", on: db
                )
                result.purged.append(model.caseNumber)
            }
            return result
        }
    }
}
