import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Compassionate use in the trust (SPEC §7): CUP requisitions, CUNP cases with their gates, the manufacturer
/// export without patient identity, and the deviation log. Reads and writes are audited.
struct CompassionateUseService {
    let database: any Database
    let audit: AuditLogService
    let catalogue: any CatalogueService
    let clock: AppClock

    /// Who in the trust works with compassionate-use cases (the requester always sees their own).
    static let trustReaders: Set<Role> = [.sectionChief, .level2Leader, .hospitalPharmacist, .medicalDirector]
    static let deviationReaders: Set<Role> = [.sectionChief, .level2Leader, .medicalDirector, .hospitalPharmacist]

    func create(_ input: CUCaseInput, by user: AuthenticatedUser) async throws -> CUCaseDTO {
        var errors: [FieldError] = []
        func required(_ value: String?, _ field: String) -> String {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if trimmed.isEmpty { errors.append(FieldError(field: field, message: "må fylles ut")) }
            return trimmed
        }
        let kind = input.kind ?? ""
        if kind != "cup" && kind != "cunp" {
            errors.append(FieldError(field: "kind", message: "velg CUP-rekvisisjon eller CUNP-sak (cup eller cunp)"))
        }
        let medicine = try await catalogue.medicine(id: input.medicineId ?? "")
        if medicine == nil { errors.append(FieldError(field: "medicineId", message: "finnes ikke i katalogen")) }
        let nin = NationalIdentityNumber(input.patientNIN ?? "")
        if nin == nil {
            errors.append(FieldError(field: "patientNIN", message: "er ikke et gyldig fødselsnummer eller D-nummer"))
        }
        let indication = required(input.indication, "indication")
        let dosage = required(input.dosage, "dosage")
        let duration = required(input.treatmentDuration, "treatmentDuration")
        let justification = required(input.justification, "justification")
        guard errors.isEmpty, let medicine, let nin, let department = user.departmentCode else {
            if errors.isEmpty { throw Abort(.forbidden, reason: "Du må høre til en avdeling for å søke.") }
            throw ValidationFailure(errors)
        }
        let actor = CUActor(personID: user.id.uuidString, role: user.role, trustID: user.organisation)
        do {
            if kind == "cup" {
                try CUPWorkflow.checkRequest(medicine: medicine, by: actor)
            } else {
                guard CUPWorkflow.requesterRoles.contains(user.role) else { throw CUError.wrongRole(.physician) }
                guard medicine.nationalCompassionateUseList else { throw CUError.notOnNationalList }
                guard medicine.compassionateUseProgramme != .active else {
                    throw ValidationFailure(
                        field: "kind", message: "legemiddelet har et aktivt program: bruk en CUP-rekvisisjon")
                }
            }
        } catch let error as CUError {
            if case .wrongRole = error { throw Abort(.forbidden, reason: error.description) }
            throw ValidationFailure(field: "medicineId", message: error.description)
        }
        let model = CUCaseModel()
        model.kind = kind
        model.trustCode = user.organisation
        model.departmentCode = department
        model.requesterID = user.id
        model.requesterName = user.displayName
        model.medicineID = medicine.id ?? ""
        model.medicineName = medicine.name
        model.patientNIN = nin.digits
        model.patientKey = audit.patientKey(for: nin)
        model.indication = indication
        model.dosage = dosage
        model.treatmentDuration = duration
        model.justification = justification
        model.state = kind == "cup" ? CUPState.requested.rawValue : "open"
        model.progressJSON = try Self.encode(CUNPProgress())
        model.pharmacyCostsCharged = input.pharmacyCostsCharged ?? false
        model.retentionYears =
            input.advancedTherapy == true
            ? RetentionPolicy.advancedTherapyYears : RetentionPolicy.years(forATC: medicine.atc)
        model.version = 1
        return try await database.writeTransaction { db in
            model.reference = try await ReferenceNumber.next(
                "CU-\(user.organisation)-\(clock.today.year)-", in: \CUCaseModel.$reference, on: db)
            try await model.create(on: db)
            try await event(model, action: kind == "cup" ? "request" : "open", comment: nil, by: user, on: db)
            try await audit.append(
                "cu.create", by: AuditActor(user), caseID: model.reference, patientKey: model.patientKey,
                detail: "kind=\(kind)", on: db)
            return try await dto(model, for: user, on: db)
        }
    }

    func read(_ id: UUID, by user: AuthenticatedUser) async throws -> CUCaseDTO {
        try await database.writeTransaction { db in
            let model = try await load(id, for: user, on: db)
            try await audit.append(
                "cu.read", by: AuditActor(user), caseID: model.reference, patientKey: model.patientKey, detail: "",
                on: db)
            return try await dto(model, for: user, on: db)
        }
    }

    func list(for user: AuthenticatedUser) async throws -> [CUCaseDTO] {
        var result: [CUCaseDTO] = []
        for model in try await CUCaseModel.query(on: database).sort(\.$createdAt, .descending).all()
        where Self.mayRead(model, user) {
            result.append(try await dto(model, for: user, on: database))
        }
        return result.map(\.withoutPatient)
    }

    func act(_ input: CUActionInput, on id: UUID, expectedVersion: Int, by user: AuthenticatedUser) async throws
        -> CUCaseDTO
    {
        try await database.writeTransaction { db in
            let model = try await load(id, for: user, on: db)
            guard model.version == expectedVersion else {
                throw CaseError.versionConflict(current: model.version)
            }
            let actor = CUActor(personID: user.id.uuidString, role: user.role, trustID: user.organisation)
            guard let medicine = try await FluentCatalogueService(database: db).medicine(id: model.medicineID) else {
                throw Abort(.conflict, reason: "Legemiddelet finnes ikke lenger i katalogen.")
            }
            var comment = input.comment
            // What the audit row vouches for: the linked decision, or the agreement's amount (no patient data).
            var auditDetail = ""
            do {
                if model.kind == "cup" {
                    guard let action = CUPAction(rawValue: input.action ?? "") else {
                        throw ValidationFailure(
                            field: "action",
                            message: "bruk check_agreement, revise_agreement, approve_cost eller cancel")
                    }
                    // The pharmacist's draft comes with the step; the leader approves the one stored.
                    let entered =
                        action == .checkAgreement || action == .reviseAgreement
                        ? try Self.costAgreement(input) : nil
                    let stored = try Self.costAgreement(model)
                    model.state = try CUPWorkflow.apply(
                        action, by: actor, state: CUPState(rawValue: model.state) ?? .requested,
                        trustID: model.trustCode, requesterID: model.requesterID.uuidString,
                        agreement: medicine.nationalStandardAgreement,
                        costAgreement: action == .approveCost ? stored : entered
                    ).rawValue
                    if let entered {
                        model.costAgreementJSON = try Self.json(entered)
                        model.costApprovalJSON = nil
                        comment = "Utkast til kostnadsavtale: \(Self.summary(entered))"
                        auditDetail = "avtale=\(entered.amountOre) øre"
                    }
                    if action == .approveCost, let stored {
                        model.costApprovalJSON = try Self.json(
                            CUPCostApproval(
                                agreement: stored, approvedByID: user.id.uuidString, approvedBy: user.displayName,
                                approvedAt: clock.now))
                        comment = "Godkjent kostnadsavtale: \(Self.summary(stored))"
                        auditDetail = "godkjent=\(stored.amountOre) øre"
                    }
                } else {
                    let event =
                        input.action == "exemption_approved"
                        ? CUNPEvent.exemptionApproved(
                            try await exemptionLink(input, for: model, medicine: medicine, by: user, on: db))
                        : try Self.event(input)
                    if case .exemptionApproved(let link) = event {
                        comment =
                            link.kind == .external
                            ? "\(link.reference) (\(ExemptionLink.externalMark))"
                            : "Vedtak i Tilgang: \(link.reference)"
                        auditDetail = "vedtak=\(link.kind.rawValue) \(link.reference)"
                    }
                    let context = try await context(model, medicine: medicine, on: db)
                    let progress = try CUNPWorkflow.record(
                        event, by: actor, trustID: model.trustCode, to: try Self.progress(model), in: context,
                        requesterID: model.requesterID.uuidString)
                    if progress.treatmentStarted {
                        try await recheckLink(progress, of: model, medicine: medicine, on: db)
                    }
                    model.progressJSON = try Self.encode(progress)
                    if progress.treatmentStarted { model.state = "started" }
                }
            } catch let error as CUError {
                switch error {
                case .missing(let field): throw ValidationFailure(field: field, message: "må fylles ut")
                case .wrongRole, .otherTrust, .fourEyes: throw Abort(.forbidden, reason: error.description)
                default: throw Abort(.conflict, reason: error.description)
                }
            }
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let changed = try await sql.update(CUCaseModel.schema)
                .set("state", to: model.state).set("progress_json", to: model.progressJSON)
                .set("cost_agreement_json", to: model.costAgreementJSON)
                .set("cost_approval_json", to: model.costApprovalJSON)
                .set("version", to: expectedVersion + 1)
                .where("id", .equal, id).where("version", .equal, expectedVersion).returning("id").all()
            guard changed.count == 1 else { throw CaseError.versionConflict(current: expectedVersion + 1) }
            model.version = expectedVersion + 1
            try await event(model, action: input.action ?? "", comment: comment, by: user, on: db)
            try await audit.append(
                "cu.\(input.action ?? "")", by: AuditActor(user), caseID: model.reference,
                patientKey: model.patientKey, detail: auditDetail, on: db)
            return try await dto(model, for: user, on: db)
        }
    }

    /// The text for the manufacturer, as its author wrote it; checked against the patient's identity number,
    /// birth date and the names the author gives (which are used for the check only and not stored).
    struct ManufacturerTextInput: Content {
        var text: String?
        var patientNames: String?
    }

    /// Saves the de-identified text after `DeidentifiedText` finds nothing that identifies the patient.
    func saveManufacturerText(_ input: ManufacturerTextInput, on id: UUID, by user: AuthenticatedUser) async throws {
        let audit = audit
        try await database.writeTransaction { db in
            let model = try await load(id, for: user, on: db)
            try Self.requireSpecialist(model, user)
            let names = (input.patientNames ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let born = model.patientNIN.flatMap(NationalIdentityNumber.init)?.birthDate
            let checked = try DeidentifiedText(input.text ?? "", patientNames: names, birthDate: born)
            model.manufacturerText = checked.text
            try await model.update(on: db)
            try await audit.append(
                "cu.manufacturer_text", by: AuditActor(user), caseID: model.reference, patientKey: model.patientKey,
                detail: "\(checked.text.count) tegn, kontrollert", on: db)
        }
    }

    /// The treating specialist is the one who asked for the treatment, not any physician of the trust.
    private static func requireSpecialist(_ model: CUCaseModel, _ user: AuthenticatedUser) throws {
        guard model.kind == "cunp", model.requesterID == user.id else {
            throw Abort(.forbidden, reason: "Bare behandlende spesialist (den som ba om behandlingen) gjør dette.")
        }
    }

    /// The individual application for the manufacturer: structured facts and the checked de-identified text only
    /// (SPEC §7); nothing the case's own free texts say.
    func manufacturerApplication(_ id: UUID, by user: AuthenticatedUser) async throws -> ManufacturerApplication {
        try await database.writeTransaction { db in
            let model = try await load(id, for: user, on: db)
            try Self.requireSpecialist(model, user)
            guard let medicine = try await FluentCatalogueService(database: db).medicine(id: model.medicineID),
                let trust = try await TrustModel.find(model.trustCode, on: db)
            else { throw Abort(.conflict, reason: "Legemiddel eller helseforetak mangler.") }
            try await audit.append(
                "cu.manufacturer_export", by: AuditActor(user), caseID: model.reference,
                patientKey: model.patientKey, detail: "uten pasientidentitet", on: db)
            // Checked again on the way out: the stored text passed once, and the rules may have grown since.
            let born = model.patientNIN.flatMap(NationalIdentityNumber.init)?.birthDate
            let text = try model.manufacturerText.map { try DeidentifiedText($0, patientNames: [], birthDate: born) }
            return ManufacturerApplication(
                reference: model.reference, medicine: medicine, deidentifiedText: text, treatingHospital: trust.name,
                supplyingPharmacy: "Sykehusapoteket for \(trust.name)")
        }
    }

    // MARK: - Deviations

    func reportDeviation(_ input: DeviationInput, by user: AuthenticatedUser) async throws -> DeviationDTO {
        let errors = DeviationReport.check(category: input.category, description: input.description)
        guard errors.isEmpty, let category = DeviationCategory(rawValue: input.category ?? "") else {
            throw ValidationFailure(errors)
        }
        guard try await TrustModel.find(user.organisation, on: database) != nil else {
            throw Abort(.forbidden, reason: "Avvik meldes av helseforetakets ansatte.")
        }
        let model = DeviationModel()
        model.trustCode = user.organisation
        model.reportedByID = user.id
        model.reportedByName = user.displayName
        model.category = category.rawValue
        model.description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        model.caseReference = input.caseReference.flatMap { $0.isEmpty ? nil : $0 }
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "deviation.report", by: AuditActor(user), caseID: model.caseReference, patientKey: nil,
                detail: category.rawValue, on: db)
        }
        return Self.deviation(model)
    }

    func deviations(for user: AuthenticatedUser) async throws -> [DeviationDTO] {
        guard Self.deviationReaders.contains(user.role) else {
            throw Abort(.forbidden, reason: "Avvikslisten er for ledere og sykehusapoteket.")
        }
        return try await DeviationModel.query(on: database).filter(\.$trustCode == user.organisation)
            .sort(\.$createdAt, .descending).all().map(Self.deviation)
    }

    // MARK: - Helpers

    private func load(_ id: UUID, for user: AuthenticatedUser, on db: any Database) async throws -> CUCaseModel {
        guard let model = try await CUCaseModel.find(id, on: db) else { throw CaseError.notFound }
        guard Self.mayRead(model, user) else { throw CaseError.forbidden }
        return model
    }

    static func mayRead(_ model: CUCaseModel, _ user: AuthenticatedUser) -> Bool {
        if model.requesterID == user.id { return true }
        guard user.organisation == model.trustCode else { return false }
        if trustReaders.contains(user.role) { return true }
        // The department's other specialists assess CUNP treatment for the patient group.
        return [.physician, .departmentHead].contains(user.role) && user.departmentCode == model.departmentCode
    }

    /// First use in the trust unless an earlier CUNP case of the medicine there passed the specialists' gate.
    func context(_ model: CUCaseModel, medicine: Medicine, on db: any Database) async throws -> CUNPContext {
        let earlier = try await CUCaseModel.query(on: db).filter(\.$trustCode == model.trustCode)
            .filter(\.$medicineID == model.medicineID).filter(\.$kind == "cunp").all()
            .filter { $0.id != model.id }
        let passedBefore = try earlier.contains { Set(try Self.progress($0).specialistAssessors).count >= 2 }
        return CUNPContext(
            firstUseInTrust: !passedBefore, agreement: medicine.nationalStandardAgreement,
            pharmacyCostsCharged: model.pharmacyCostsCharged)
    }

    static func event(_ input: CUActionInput) throws -> CUNPEvent {
        switch input.action {
        case "specialist_assessment": return .specialistAssessment(comment: input.comment ?? "")
        case "section_chief_handling":
            return .sectionChiefHandling(
                sykehusinnkjopContacted: input.sykehusinnkjopContacted ?? false, comment: input.comment ?? "")
        case "manufacturer_application_sent": return .manufacturerApplicationSent
        case "pharmacy_manufacturer_agreement": return .pharmacyManufacturerAgreement
        case "pharmacy_trust_agreement": return .pharmacyTrustAgreement
        case "medical_director_informed": return .medicalDirectorInformed
        case "start_treatment": return .startTreatment
        default:
            throw ValidationFailure(field: "action", message: "ukjent handling for en CUNP-sak")
        }
    }

    static func progress(_ model: CUCaseModel) throws -> CUNPProgress {
        try JSONDecoder().decode(CUNPProgress.self, from: Data(model.progressJSON.utf8))
    }

    static func encode(_ progress: CUNPProgress) throws -> String {
        String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)
    }

    private func event(
        _ model: CUCaseModel, action: String, comment: String?, by user: AuthenticatedUser, on db: any Database
    ) async throws {
        let id = try model.requireID()
        let row = CUEventModel()
        row.caseID = id
        row.position = try await CUEventModel.query(on: db).filter(\.$caseID == id).count() + 1
        row.action = action
        row.actorID = user.id
        row.actorName = user.displayName
        row.actorRole = user.role.rawValue
        row.comment = comment.flatMap { $0.isEmpty ? nil : $0 }
        try await row.create(on: db)
    }

    /// Who sees the patient's identity number: the treating specialist who asked, and the hospital pharmacy
    /// that handles the medicine. Leaders and the department's other specialists see it masked.
    static func mayReadIdentity(_ model: CUCaseModel, _ user: AuthenticatedUser) -> Bool {
        model.requesterID == user.id || (user.role == .hospitalPharmacist && user.organisation == model.trustCode)
    }

    private func dto(_ m: CUCaseModel, for user: AuthenticatedUser, on db: any Database) async throws -> CUCaseDTO {
        let events = try await CUEventModel.query(on: db).filter(\.$caseID == m.requireID()).sort(\.$position).all()
        var gates: [CUCaseDTO.Gate] = []
        var open: [String] = []
        var mayStart = false
        if m.kind == "cunp", let medicine = try await FluentCatalogueService(database: db).medicine(id: m.medicineID) {
            let context = try await context(m, medicine: medicine, on: db)
            let progress = try Self.progress(m)
            gates = CUNPGate.allCases.map {
                .init(
                    gate: $0.rawValue, title: $0.title, required: context.isRequired($0),
                    passed: progress.isPassed($0, in: context))
            }
            open = progress.openGates(in: context).map(\.rawValue)
            mayStart = open.isEmpty && !progress.treatmentStarted
        }
        let link = m.kind == "cunp" ? try await linkedExemption(try Self.progress(m), on: db) : nil
        let agreement = try Self.costAgreement(m)
        let approval = try Self.costApproval(m)
        let nin = m.patientNIN.flatMap(NationalIdentityNumber.init)
        let stateTitle =
            m.kind == "cup"
            ? (CUPState(rawValue: m.state)?.title ?? m.state)
            : (m.state == "started" ? "Behandling startet" : "Porter gjenstår før behandlingsstart")
        return CUCaseDTO(
            id: try m.requireID(), reference: m.reference, kind: m.kind, trust: m.trustCode,
            department: m.departmentCode, requester: m.requesterName, medicineId: m.medicineID,
            medicineName: m.medicineName, patientNIN: Self.mayReadIdentity(m, user) ? m.patientNIN : nil,
            patientMasked: nin?.masked, indication: m.indication, dosage: m.dosage,
            treatmentDuration: m.treatmentDuration, justification: m.justification, state: m.state,
            stateTitle: stateTitle, version: m.version, retentionYears: m.retentionYears, gates: gates,
            openGates: open, mayStartTreatment: mayStart,
            events: events.map {
                .init(action: $0.action, actor: $0.actorName, actorRole: $0.actorRole, comment: $0.comment, at: $0.at)
            }, exemptionLink: link, costAgreement: agreement.map(CUCostAgreementDTO.init),
            costApproval: approval.map { CUCostApprovalDTO($0, current: agreement) })
    }

    static func deviation(_ m: DeviationModel) -> DeviationDTO {
        DeviationDTO(
            id: m.id ?? UUID(), trust: m.trustCode, reportedBy: m.reportedByName, category: m.category,
            categoryTitle: DeviationCategory(rawValue: m.category)?.title ?? m.category, description: m.description,
            caseReference: m.caseReference, createdAt: m.createdAt)
    }
}

extension Request {
    var compassionateUse: CompassionateUseService {
        CompassionateUseService(database: db, audit: auditLog, catalogue: catalogue, clock: application.clock)
    }
}

extension CompassionateUseService {
    /// The actions the domain would accept from this user now (placeholder texts), for the page's forms.
    func availableActions(_ dto: CUCaseDTO, for user: AuthenticatedUser) async throws -> [String] {
        let actor = CUActor(personID: user.id.uuidString, role: user.role, trustID: user.organisation)
        guard let medicine = try await catalogue.medicine(id: dto.medicineId),
            let model = try await CUCaseModel.find(dto.id, on: database)
        else { return [] }
        if dto.kind == "cup" {
            let stored = try Self.costAgreement(model)
            let placeholder = CUPCostAgreement(
                amountOre: 1, from: clock.today, to: clock.today, supplier: "x", reference: nil)
            return CUPAction.allCases.filter {
                (try? CUPWorkflow.apply(
                    $0, by: actor, state: CUPState(rawValue: dto.state) ?? .requested, trustID: dto.trust,
                    requesterID: model.requesterID.uuidString, agreement: medicine.nationalStandardAgreement,
                    costAgreement: $0 == .approveCost ? stored : placeholder)) != nil
            }.map(\.rawValue)
        }
        let context = try await context(model, medicine: medicine, on: database)
        let progress = try Self.progress(model)
        let candidates: [CUNPEvent] = [
            .specialistAssessment(comment: "x"), .sectionChiefHandling(sykehusinnkjopContacted: true, comment: "x"),
            .exemptionApproved(ExemptionLink(kind: .tilgang, reference: "x")),
            .exemptionApproved(ExemptionLink(kind: .external, reference: "x", confirmedBy: "x", confirmedAt: Date())),
            .manufacturerApplicationSent, .pharmacyManufacturerAgreement,
            .pharmacyTrustAgreement, .medicalDirectorInformed, .startTreatment,
        ]
        return candidates.filter { event in
            // A gate already passed is not offered again.
            if let gate = event.gate, gate != .twoSpecialistAssessments, progress.isPassed(gate, in: context) {
                return false
            }
            return
                (try? CUNPWorkflow.record(
                    event, by: actor, trustID: dto.trust, to: progress, in: context,
                    requesterID: model.requesterID.uuidString)) != nil
        }.map(\.name).reduce(into: [String]()) { names, name in if !names.contains(name) { names.append(name) } }
    }
}

extension CompassionateUseService {
    func register() async throws -> [CURegisterEntry] {
        try await catalogue.search(nil, limit: 10_000).filter(\.nationalCompassionateUseList).map { m in
            CURegisterEntry(
                medicineId: m.id ?? "", name: m.name, atc: m.atc, programme: m.compassionateUseProgramme.rawValue,
                programmeTitle: Self.title(m.compassionateUseProgramme),
                agreement: m.nationalStandardAgreement.rawValue,
                agreementTitle: Self.title(m.nationalStandardAgreement), annexes: m.agreementAnnexes,
                supplyingPharmacy: m.supplyingPharmacy)
        }
    }

    static func title(_ programme: CompassionateUseProgrammeStatus) -> String {
        switch programme {
        case .none: "Ingen program"
        case .active: "Aktivt program godkjent av DMP"
        case .ended: "Program avsluttet"
        }
    }

    static func title(_ agreement: NationalStandardAgreement) -> String {
        switch agreement {
        case .none: "Ingen nasjonal standardavtale"
        case .short: "Kort avtale (under 6 måneder)"
        case .long: "Lang avtale"
        }
    }
}
