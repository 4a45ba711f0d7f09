import Fluent
import TilgangDomain
import Vapor

/// Removes patient data from decided cases whose retention time is over (SPEC §5.9: 10 years; seed 000: 30 years
/// for advanced therapy). The case, its history and the audit log stay; the purge itself is audit-logged.
/// Trust cases count from the decision, exemptions from their last valid day, compassionate-use cases from their
/// creation (Tilgang does not record the end of treatment).
struct RetentionService {
    static let purgedText = "[slettet etter oppbevaringstiden]"

    let database: any Database
    let audit: AuditLogService
    let clock: AppClock

    struct Result: Equatable {
        var purged: [String] = []
        var kept = 0
    }

    func run(today: CalendarDate) async throws -> Result {
        try await database.writeTransaction { db in
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
                model.purgedAt = clock.now
                try await model.update(on: db)
                // Every copy: what the steps' assessments and comments said about the patient goes too.
                try await CaseTransitionModel.query(on: db).filter(\.$caseID == model.requireID())
                    .set(\.$comment, to: Self.purgedText).set(\.$benefit, to: nil).set(\.$resourceUse, to: nil)
                    .set(\.$severity, to: nil).update()
                // Attachments (consent, lab results) are patient data through and through: they go entirely.
                try await AttachmentModel.query(on: db).filter(\.$caseID == model.requireID()).delete()
                try await audit.append(
                    "case.purge", by: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                    caseID: model.caseNumber, patientKey: nil, detail: "retention \(model.retentionYears) years", on: db
                )
                result.purged.append(model.caseNumber)
            }
            try await purgeExemptions(today: today, on: db, into: &result)
            try await purgeCompassionateUse(today: today, on: db, into: &result)
            // Idempotency records hold no patient data and expire within a day; none outlives a purge.
            try await IdempotencyRecordModel.query(on: db)
                .filter(\.$createdAt < clock.now.addingTimeInterval(-IdempotencyService.lifetime)).delete()
            return result
        }
    }

    private func purgeExemptions(today: CalendarDate, on db: any Database, into result: inout Result) async throws {
        for model in try await ExemptionModel.query(on: db).filter(\.$justification != Self.purgedText).all() {
            guard ExemptionState(rawValue: model.state)?.isOpen != true, let end = CalendarDate(iso: model.validUntil),
                RetentionPolicy.isDue(decided: end, years: RetentionPolicy.standardYears, today: today)
            else {
                result.kept += 1
                continue
            }
            model.patientNIN = nil
            model.patientKey = nil
            model.animal = nil
            model.justification = Self.purgedText
            model.decisionReasons = model.decisionReasons.map { _ in Self.purgedText }
            model.assessmentJSON = nil
            try await model.update(on: db)
            try await ExemptionEventModel.query(on: db).filter(\.$exemptionID == model.requireID())
                .set(\.$text, to: Self.purgedText).update()
            try await audit.append(
                "exemption.purge",
                by: AuditActor(id: "system", role: "retention", trust: model.submittedByOrganisation),
                caseID: model.reference, patientKey: nil, detail: "retention 10 years", on: db)
            result.purged.append(model.reference)
        }
    }

    private func purgeCompassionateUse(today: CalendarDate, on db: any Database, into result: inout Result)
        async throws
    {
        for model in try await CUCaseModel.query(on: db).filter(\.$patientNIN != nil).all() {
            guard let created = model.createdAt,
                RetentionPolicy.isDue(
                    decided: CalendarDate(osloDay: created), years: model.retentionYears, today: today)
            else {
                result.kept += 1
                continue
            }
            model.patientNIN = nil
            model.patientKey = nil
            model.justification = Self.purgedText
            try await model.update(on: db)
            try await CUEventModel.query(on: db).filter(\.$caseID == model.requireID())
                .set(\.$comment, to: Self.purgedText).update()
            try await audit.append(
                "cu.purge", by: AuditActor(id: "system", role: "retention", trust: model.trustCode),
                caseID: model.reference, patientKey: nil, detail: "retention \(model.retentionYears) years", on: db)
            result.purged.append(model.reference)
        }
    }
}
