import Fluent
import TilgangDomain
import Vapor

/// Shortages of medicines and the stock produced in Norway while they last.
struct ShortageService {
    let database: any Database
    let catalogue: any CatalogueService
    let audit: AuditLogService

    /// Every shortage with its id, for the rules that read the history.
    static func domainShortages(on database: any Database) async throws -> [(UUID, Shortage)] {
        try await ShortageModel.query(on: database).all().compactMap { model in
            guard let id = model.id, let shortage = shortage(model) else { return nil }
            return (id, shortage)
        }
    }

    static func shortage(_ m: ShortageModel) -> Shortage? {
        guard let start = CalendarDate(iso: m.start), let cause = Shortage.Cause(rawValue: m.cause) else { return nil }
        return Shortage(
            medicineId: m.medicineID, start: start, cause: cause, expectedEnd: PreparednessInput.day(m.expectedEnd),
            actualEnd: PreparednessInput.day(m.actualEnd),
            affectedProducts: m.affectedProducts.split(separator: ";").map(String.init),
            measures: m.measures.split(separator: ",").compactMap { Shortage.Measure(rawValue: String($0)) })
    }

    /// Newest first; `activeOn` keeps only those active that day.
    func list(activeOn: CalendarDate? = nil, today: CalendarDate) async throws -> [ShortageDTO] {
        let models = try await ShortageModel.query(on: database).sort(\.$start, .descending).all()
        var result: [ShortageDTO] = []
        for model in models {
            if let activeOn, !(Self.shortage(model)?.isActive(on: activeOn) ?? false) { continue }
            result.append(try await dto(model, today: today))
        }
        return result
    }

    func read(_ id: UUID, today: CalendarDate) async throws -> ShortageDTO {
        guard let model = try await ShortageModel.find(id, on: database) else {
            throw PreparednessError.notFound("mangelen")
        }
        return try await dto(model, today: today)
    }

    func record(_ input: ShortageInput, by user: AuthenticatedUser, today: CalendarDate) async throws -> ShortageDTO {
        try PreparednessAccess.requireWrite(user)
        let (shortage, note) = try await validate(input, today: today)
        let model = ShortageModel()
        model.id = UUID()
        Self.apply(shortage, note: note, to: model)
        model.version = 1
        model.recordedBy = user.displayName
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "preparedness.shortage.create", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(shortage.medicineId) fra \(shortage.start.iso)", on: db)
        }
        return try await dto(model, today: today)
    }

    /// Replaces the shortage's fields (the end when supply is back, the measures taken) if still at `version`.
    func update(
        _ id: UUID, _ input: ShortageInput, expectedVersion: Int, by user: AuthenticatedUser, today: CalendarDate
    ) async throws -> ShortageDTO {
        try PreparednessAccess.requireWrite(user)
        let (shortage, note) = try await validate(input, today: today)
        try await database.writeTransaction { db in
            guard let model = try await ShortageModel.find(id, on: db) else {
                throw PreparednessError.notFound("mangelen")
            }
            try await OptimisticLock.advance(ShortageModel.schema, id: id, from: expectedVersion, on: db)
            Self.apply(shortage, note: note, to: model)
            model.version = expectedVersion + 1
            try await model.update(on: db)
            try await audit.append(
                "preparedness.shortage.update", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(shortage.medicineId) slutt \(shortage.actualEnd?.iso ?? "-")", on: db)
        }
        return try await read(id, today: today)
    }

    private func validate(_ input: ShortageInput, today: CalendarDate) async throws -> (Shortage, String) {
        var reader = PreparednessInput(today: today)
        let medicineID = reader.text(input.medicineId, "medicineId")
        let start = reader.date(input.start, "start", required: true)
        let cause: Shortage.Cause? = reader.choice(input.cause, "cause")
        let expectedEnd = reader.date(input.expectedEnd, "expectedEnd", required: false)
        let actualEnd = reader.date(input.actualEnd, "actualEnd", required: false)
        var measures: [Shortage.Measure] = []
        for raw in input.measures ?? [] where !raw.isEmpty {
            if let measure = Shortage.Measure(rawValue: raw) {
                measures.append(measure)
            } else {
                reader.fail("measures", "ukjent tiltak «\(raw)»")
            }
        }
        if !medicineID.isEmpty, try await catalogue.medicine(id: medicineID) == nil {
            reader.fail("medicineId", "finnes ikke i katalogen")
        }
        try reader.check()
        guard let start, let cause else { throw ValidationFailure(field: "start", message: "mangler") }
        let shortage = Shortage(
            medicineId: medicineID, start: start, cause: cause, expectedEnd: expectedEnd, actualEnd: actualEnd,
            affectedProducts: PreparednessInput.list(input.affectedProducts), measures: measures)
        let errors = shortage.validate()
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (shortage, (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func apply(_ shortage: Shortage, note: String, to model: ShortageModel) {
        model.medicineID = shortage.medicineId
        model.start = shortage.start.iso
        model.cause = shortage.cause.rawValue
        model.expectedEnd = shortage.expectedEnd?.iso
        model.actualEnd = shortage.actualEnd?.iso
        model.affectedProducts = shortage.affectedProducts.joined(separator: ";")
        model.measures = shortage.measures.map(\.rawValue).joined(separator: ",")
        model.note = note
    }

    private func dto(_ m: ShortageModel, today: CalendarDate) async throws -> ShortageDTO {
        let shortage = Self.shortage(m)
        let name = try await catalogue.medicine(id: m.medicineID)?.name ?? m.medicineID
        return ShortageDTO(
            id: try m.requireID(), medicineId: m.medicineID, medicineName: name,
            start: shortage?.start.norwegian ?? m.start, cause: m.cause, causeTitle: shortage?.cause.title ?? m.cause,
            expectedEnd: shortage?.expectedEnd?.norwegian, actualEnd: shortage?.actualEnd?.norwegian,
            affectedProducts: shortage?.affectedProducts ?? [], measures: shortage?.measures.map(\.rawValue) ?? [],
            note: m.note, active: shortage?.isActive(on: today) ?? false, recordedBy: m.recordedBy, version: m.version)
    }

    // MARK: - Produced stock

    func produced(today: CalendarDate) async throws -> [ProducedBatchDTO] {
        let models = try await ProducedBatchModel.query(on: database).sort(\.$producedOn, .descending).all()
        let shortages = Dictionary(
            try await Self.domainShortages(on: database).map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        var result: [ProducedBatchDTO] = []
        for model in models {
            result.append(try await producedDTO(model, shortage: shortages[model.shortageID], today: today))
        }
        return result
    }

    func recordProduced(
        _ input: ProducedBatchInput, for shortageID: UUID, by user: AuthenticatedUser, today: CalendarDate
    ) async throws -> ProducedBatchDTO {
        try PreparednessAccess.requireWrite(user)
        guard let shortageModel = try await ShortageModel.find(shortageID, on: database) else {
            throw PreparednessError.notFound("mangelen")
        }
        let batch = try Self.validate(input, today: today)
        let model = ProducedBatchModel()
        model.id = UUID()
        model.shortageID = shortageID
        Self.apply(batch, to: model)
        model.version = 1
        model.recordedBy = user.displayName
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "preparedness.produced.create", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(shortageModel.medicineID) \(batch.site) \(batch.batch) \(batch.quantity)", on: db)
        }
        return try await producedDTO(model, shortage: Self.shortage(shortageModel), today: today)
    }

    /// Records what is left of a produced batch, if still at `version`.
    func updateProduced(
        _ id: UUID, _ input: ProducedBatchInput, expectedVersion: Int, by user: AuthenticatedUser, today: CalendarDate
    ) async throws -> ProducedBatchDTO {
        try PreparednessAccess.requireWrite(user)
        let batch = try Self.validate(input, today: today)
        let model = try await database.writeTransaction { db -> ProducedBatchModel in
            guard let model = try await ProducedBatchModel.find(id, on: db) else {
                throw PreparednessError.notFound("produksjonen")
            }
            try await OptimisticLock.advance(ProducedBatchModel.schema, id: id, from: expectedVersion, on: db)
            Self.apply(batch, to: model)
            model.version = expectedVersion + 1
            try await model.update(on: db)
            try await audit.append(
                "preparedness.produced.update", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(batch.batch) igjen \(batch.remaining)", on: db)
            return model
        }
        let shortage = try await ShortageModel.find(model.shortageID, on: database).flatMap(Self.shortage)
        return try await producedDTO(model, shortage: shortage, today: today)
    }

    private static func validate(_ input: ProducedBatchInput, today: CalendarDate) throws -> ProducedBatch {
        var reader = PreparednessInput(today: today)
        let producedOn = reader.date(input.producedOn, "producedOn", required: true)
        if input.quantity == nil { reader.fail("quantity", "oppgi et heltall") }
        if let producedOn, producedOn > today { reader.fail("producedOn", "kan ikke være etter i dag") }
        try reader.check()
        let quantity = input.quantity ?? 0
        let batch = ProducedBatch(
            site: (input.site ?? "").trimmingCharacters(in: .whitespaces),
            batch: (input.batch ?? "").trimmingCharacters(in: .whitespaces), producedOn: producedOn!,
            quantity: quantity, remaining: input.remaining ?? quantity)
        let errors = batch.validate()
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return batch
    }

    private static func apply(_ batch: ProducedBatch, to model: ProducedBatchModel) {
        model.site = batch.site
        model.batch = batch.batch
        model.producedOn = batch.producedOn.iso
        model.quantity = batch.quantity
        model.remaining = batch.remaining
    }

    private func producedDTO(_ m: ProducedBatchModel, shortage: Shortage?, today: CalendarDate) async throws
        -> ProducedBatchDTO
    {
        let batch = ProducedBatch(
            site: m.site, batch: m.batch, producedOn: CalendarDate(iso: m.producedOn) ?? today, quantity: m.quantity,
            remaining: m.remaining)
        let stranded = shortage.map { batch.isStranded(shortage: $0, on: today) } ?? false
        let medicineID = shortage?.medicineId ?? ""
        return ProducedBatchDTO(
            id: try m.requireID(), shortageId: m.shortageID, medicineId: medicineID,
            medicineName: try await catalogue.medicine(id: medicineID)?.name ?? medicineID, site: m.site,
            batch: m.batch, producedOn: batch.producedOn.norwegian, quantity: m.quantity, remaining: m.remaining,
            stranded: stranded, warning: stranded ? ProducedBatch.returnedWarning : nil, version: m.version)
    }
}

extension Request {
    var shortages: ShortageService { ShortageService(database: db, catalogue: catalogue, audit: auditLog) }
}

extension Application {
    var shortages: ShortageService { ShortageService(database: db, catalogue: catalogue, audit: auditLog) }
}
