import Fluent
import TilgangDomain
import Vapor

/// The critical-medicine register: which medicines, their assessments against the report's criteria, the
/// weights, and the ranked list with reasons. "Past shortages" always comes from the shortage register.
struct CriticalMedicineService {
    let database: any Database
    let catalogue: any CatalogueService
    let audit: AuditLogService

    func weights() async throws -> PreparednessWeights {
        let rows = try await PreparednessWeightModel.query(on: database).all()
        return PreparednessWeights(
            Dictionary(
                rows.compactMap { row in row.id.flatMap(PreparednessCriterion.init(rawValue:)).map { ($0, row.weight) }
                },
                uniquingKeysWith: { first, _ in first }))
    }

    func weightsDTO() async throws -> WeightsDTO {
        let weights = try await weights()
        return WeightsDTO(
            weights: PreparednessCriterion.allCases.map {
                .init(
                    criterion: $0.rawValue, title: $0.title, dimension: $0.dimension.rawValue, weight: weights[$0],
                    defaultWeight: PreparednessWeights.defaults[$0] ?? 0)
            })
    }

    func setWeights(_ raw: [String: Int], by user: AuthenticatedUser) async throws -> WeightsDTO {
        try PreparednessAccess.requireWrite(user)
        // Criteria left out keep their stored weight.
        let stored = try await weights()
        var merged = Dictionary(uniqueKeysWithValues: PreparednessCriterion.allCases.map { ($0.rawValue, stored[$0]) })
        merged.merge(raw) { _, given in given }
        let weights = try PreparednessWeights.parse(merged)
        try await database.writeTransaction { db in
            for criterion in PreparednessCriterion.allCases {
                let row =
                    try await PreparednessWeightModel.find(criterion.rawValue, on: db) ?? PreparednessWeightModel()
                row.id = criterion.rawValue
                row.weight = weights[criterion]
                try await row.save(on: db)
            }
            let detail = PreparednessCriterion.allCases.map { "\($0.rawValue)=\(weights[$0])" }.joined(separator: ",")
            try await audit.append(
                "preparedness.weights", by: AuditActor(user), caseID: nil, patientKey: nil, detail: detail, on: db)
        }
        return try await weightsDTO()
    }

    /// Every medicine on the register, highest priority first.
    func ranking(today: CalendarDate) async throws -> [CriticalMedicineDTO] {
        let entries = try await CriticalMedicineModel.query(on: database).all()
        return try await dtos(entries, today: today)
    }

    func entry(_ medicineID: String, today: CalendarDate) async throws -> CriticalMedicineDTO {
        guard
            let entry = try await CriticalMedicineModel.query(on: database).filter(\.$medicineID == medicineID).first()
        else { throw PreparednessError.notFound("legemiddelet i beredskapsregisteret") }
        let all = try await ranking(today: today)
        guard let dto = all.first(where: { $0.medicineId == entry.medicineID }) else {
            throw PreparednessError.notFound("legemiddelet i beredskapsregisteret")
        }
        return dto
    }

    /// Puts a catalogue medicine on the register; adding one already there changes nothing.
    func add(_ input: AddCriticalMedicineInput, by user: AuthenticatedUser, today: CalendarDate) async throws
        -> CriticalMedicineDTO
    {
        try PreparednessAccess.requireWrite(user)
        let id = (input.medicineId ?? "").trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, try await catalogue.medicine(id: id) != nil else {
            throw ValidationFailure(field: "medicineId", message: "velg et legemiddel fra katalogen")
        }
        if try await CriticalMedicineModel.query(on: database).filter(\.$medicineID == id).first() == nil {
            try await database.writeTransaction { db in
                let model = CriticalMedicineModel()
                model.medicineID = id
                model.version = 1
                model.addedBy = user.displayName
                try await model.create(on: db)
                try await audit.append(
                    "preparedness.register.add", by: AuditActor(user), caseID: nil, patientKey: nil, detail: id, on: db)
            }
        }
        return try await entry(id, today: today)
    }

    /// Saves the levels and evidence given, each assessed by `user` today, if the entry is still at `version`.
    func assess(
        _ medicineID: String, _ input: AssessmentInput, expectedVersion: Int, by user: AuthenticatedUser,
        today: CalendarDate
    ) async throws -> CriticalMedicineDTO {
        try PreparednessAccess.requireWrite(user)
        var errors: [FieldError] = []
        var assessments: [CriterionAssessment] = []
        for (key, entry) in input.criteria.sorted(by: { $0.key < $1.key }) {
            guard let criterion = PreparednessCriterion(rawValue: key) else {
                errors.append(FieldError(field: "criteria.\(key)", message: "ukjent kriterium"))
                continue
            }
            let found = CriterionAssessment.validate(level: entry.level, evidence: entry.evidence, criterion: criterion)
            errors += found
            if found.isEmpty, let level = entry.level {
                assessments.append(
                    CriterionAssessment(
                        criterion: criterion, level: level,
                        evidence: (entry.evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                        assessedBy: user.displayName, assessedOn: today))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let given = assessments
        try await database.writeTransaction { db in
            guard let entry = try await CriticalMedicineModel.query(on: db).filter(\.$medicineID == medicineID).first(),
                let id = entry.id
            else { throw PreparednessError.notFound("legemiddelet i beredskapsregisteret") }
            try await OptimisticLock.advance(CriticalMedicineModel.schema, id: id, from: expectedVersion, on: db)
            for assessment in given {
                let row =
                    try await CriterionAssessmentModel.query(on: db).filter(\.$medicineID == medicineID)
                    .filter(\.$criterion == assessment.criterion.rawValue).first() ?? CriterionAssessmentModel()
                row.medicineID = medicineID
                row.criterion = assessment.criterion.rawValue
                row.level = assessment.level
                row.evidence = assessment.evidence
                row.assessedBy = assessment.assessedBy
                row.assessedOn = assessment.assessedOn.iso
                try await row.save(on: db)
            }
            let detail = given.map { "\($0.criterion.rawValue)=\($0.level)" }.joined(separator: ",")
            try await audit.append(
                "preparedness.assess", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(medicineID): \(detail)", on: db)
        }
        return try await entry(medicineID, today: today)
    }

    private func dtos(_ entries: [CriticalMedicineModel], today: CalendarDate) async throws -> [CriticalMedicineDTO] {
        let weights = try await weights()
        let ids = entries.map(\.medicineID)
        let rows = try await CriterionAssessmentModel.query(on: database).filter(\.$medicineID ~~ ids).all()
        let shortages = try await ShortageService.domainShortages(on: database)
        var scores: [PreparednessScore] = []
        for entry in entries {
            var assessments = rows.filter { $0.medicineID == entry.medicineID }.compactMap(Self.assessment)
                .filter { !$0.criterion.isDerivedFromShortages }
            assessments.append(
                ShortageHistory.assessment(medicineId: entry.medicineID, shortages: shortages.map(\.1), today: today))
            scores.append(PreparednessScore(medicineId: entry.medicineID, assessments: assessments, weights: weights))
        }
        let byID = Dictionary(entries.map { ($0.medicineID, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [CriticalMedicineDTO] = []
        for (index, score) in PreparednessScore.ranked(scores).enumerated() {
            let medicine = try await catalogue.medicine(id: score.medicineId)
            let inShortage = shortages.contains { $0.1.medicineId == score.medicineId && $0.1.isActive(on: today) }
            result.append(
                Self.dto(
                    score, rank: index + 1, medicine: medicine, inShortage: inShortage,
                    version: byID[score.medicineId]?.version ?? 1))
        }
        return result
    }

    static func assessment(_ row: CriterionAssessmentModel) -> CriterionAssessment? {
        guard let criterion = PreparednessCriterion(rawValue: row.criterion),
            let day = CalendarDate(iso: row.assessedOn)
        else { return nil }
        return CriterionAssessment(
            criterion: criterion, level: row.level, evidence: row.evidence, assessedBy: row.assessedBy,
            assessedOn: day)
    }

    static func dto(
        _ score: PreparednessScore, rank: Int, medicine: Medicine?, inShortage: Bool, version: Int
    ) -> CriticalMedicineDTO {
        CriticalMedicineDTO(
            rank: rank, medicineId: score.medicineId, name: medicine?.name ?? score.medicineId,
            atc: medicine?.atc ?? "",
            form: medicine?.form, criticality: score.criticality, shortageRisk: score.shortageRisk,
            priority: score.priority, reasons: score.reasons, unassessed: score.unassessed.map(\.title),
            criteria: PreparednessCriterion.allCases.compactMap { criterion in
                guard let c = score.contributions.first(where: { $0.criterion == criterion }) else { return nil }
                return .init(
                    criterion: criterion.rawValue, title: criterion.title, dimension: criterion.dimension.rawValue,
                    weight: c.weight, level: c.level, levelText: c.level.map { criterion.scale[$0] }, points: c.points,
                    evidence: c.assessment?.evidence, assessedBy: c.assessment?.assessedBy,
                    assessedOn: c.assessment?.assessedOn.norwegian, derived: criterion.isDerivedFromShortages)
            }, inShortage: inShortage, version: version)
    }
}

extension Request {
    var criticalMedicines: CriticalMedicineService {
        CriticalMedicineService(database: db, catalogue: catalogue, audit: auditLog)
    }
}

extension Application {
    var criticalMedicines: CriticalMedicineService {
        CriticalMedicineService(database: db, catalogue: catalogue, audit: auditLog)
    }
}
