import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// The simplified hospital routine: the pharmacy compiles, the department's consultant signs (SPEC §6).
struct DepartmentListService {
    let database: any Database
    let catalogue: any CatalogueService
    let audit: AuditLogService
    let clock: AppClock

    func create(_ input: DepartmentListInput, by user: AuthenticatedUser) async throws -> DepartmentListDTO {
        guard user.role == .hospitalPharmacist else {
            throw Abort(.forbidden, reason: "Avdelingslisten settes opp av sykehusapoteket.")
        }
        var errors: [FieldError] = []
        let department = try await DepartmentModel.find(input.departmentCode ?? "", on: database)
        if department == nil || department?.trustCode != user.organisation {
            errors.append(FieldError(field: "departmentCode", message: "velg en avdeling i ditt helseforetak"))
        }
        // A list is valid for one calendar year: it is compiled for this year or the next (docs/preparedness.md).
        let year = input.year ?? 0
        let thisYear = clock.today.year
        if !(thisYear...thisYear + 1).contains(year) {
            errors.append(FieldError(field: "year", message: "oppgi \(thisYear) eller \(thisYear + 1)"))
        }
        var items: [DepartmentListItem] = []
        for (index, item) in (input.items ?? []).enumerated() {
            let prefix = "items[\(index)]"
            guard let medicine = try await catalogue.medicine(id: item.medicineId) else {
                errors.append(FieldError(field: "\(prefix).medicineId", message: "finnes ikke i katalogen"))
                continue
            }
            if medicine.norwegianAuthorisation == .authorised {
                errors.append(
                    FieldError(
                        field: "\(prefix).medicineId", message: "har norsk MT og trenger ikke godkjenningsfritak"))
            }
            for (field, value) in [
                ("indication", item.indication), ("quantity", item.quantity), ("justification", item.justification),
            ] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(FieldError(field: "\(prefix).\(field)", message: "må fylles ut"))
            }
            let amounts = Plausibility.numbers(in: item.quantity)
            if amounts.contains(where: { $0.negative && $0.value > 0 }) {
                errors.append(FieldError(field: "\(prefix).quantity", message: "kan ikke være negativ"))
            } else if amounts.contains(where: { $0.value > PreparednessBounds.maximumQuantity }) {
                errors.append(
                    FieldError(field: "\(prefix).quantity", message: "kan ikke være over 100 000 000; sjekk tallet"))
            }
            var named = item
            named.medicineName = medicine.name
            items.append(named)
        }
        if (input.items ?? []).isEmpty { errors.append(FieldError(field: "items", message: "listen er tom")) }
        if errors.isEmpty,
            try await DepartmentListModel.query(on: database).filter(\.$departmentCode == input.departmentCode ?? "")
                .filter(\.$year == year).count() > 0
        {
            errors.append(FieldError(field: "year", message: "avdelingen har allerede en liste for \(year)"))
        }
        guard errors.isEmpty, let department, let code = department.id else { throw ValidationFailure(errors) }
        let model = DepartmentListModel()
        model.trustCode = user.organisation
        model.departmentCode = code
        model.year = year
        model.compiledByID = user.id
        model.compiledByName = user.displayName
        model.itemsJSON = String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
        let count = items.count
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "department_list.create", by: AuditActor(user), caseID: "\(code)-\(year)", patientKey: nil,
                detail: "\(count) legemidler", on: db)
        }
        return try Self.dto(model)
    }

    func sign(_ id: UUID, by user: AuthenticatedUser) async throws -> DepartmentListDTO {
        try await database.writeTransaction { db in
            guard let model = try await DepartmentListModel.find(id, on: db), Self.mayRead(model, user) else {
                throw Abort(.notFound, reason: "Fant ikke listen.")
            }
            do {
                try DepartmentExemptionList.checkSigner(
                    role: user.role, trust: user.organisation, department: user.departmentCode,
                    listTrust: model.trustCode, listDepartment: model.departmentCode,
                    itemCount: try Self.items(model).count, signed: model.signedByID != nil)
            } catch let error as DepartmentExemptionList.SignError {
                throw Abort(error == .alreadySigned ? .conflict : .forbidden, reason: error.description)
            }
            // Only an unsigned row is signed, so two consultants signing at once cannot both succeed.
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let now = clock.now
            let changed = try await sql.update(DepartmentListModel.schema)
                .set("signed_by_id", to: user.id).set("signed_by_name", to: user.displayName).set("signed_at", to: now)
                .where("id", .equal, id).where("signed_by_id", .is, SQLLiteral.null)
                .returning("id").all()
            guard changed.count == 1 else { throw Abort(.conflict, reason: "Listen er allerede signert.") }
            model.signedByID = user.id
            model.signedByName = user.displayName
            model.signedAt = now
            try await audit.append(
                "department_list.sign", by: AuditActor(user), caseID: "\(model.departmentCode)-\(model.year)",
                patientKey: nil, detail: "", on: db)
            return try Self.dto(model)
        }
    }

    func list(for user: AuthenticatedUser) async throws -> [DepartmentListDTO] {
        try await DepartmentListModel.query(on: database).sort(\.$year, .descending).all()
            .filter { Self.mayRead($0, user) }.map(Self.dto)
    }

    /// The trust's pharmacists, the department's own consultants, and the agency.
    static func mayRead(_ model: DepartmentListModel, _ user: AuthenticatedUser) -> Bool {
        switch user.role {
        case .hospitalPharmacist: user.organisation == model.trustCode
        case .departmentHead, .sectionChief:
            user.organisation == model.trustCode && user.departmentCode == model.departmentCode
        case .agencyOfficer: true
        default: false
        }
    }

    static func items(_ model: DepartmentListModel) throws -> [DepartmentListItem] {
        try JSONDecoder().decode([DepartmentListItem].self, from: Data(model.itemsJSON.utf8))
    }

    static func dto(_ m: DepartmentListModel) throws -> DepartmentListDTO {
        let period = m.signedByID == nil ? nil : DepartmentExemptionList.period(year: m.year)
        return DepartmentListDTO(
            id: try m.requireID(), trust: m.trustCode, departmentCode: m.departmentCode, year: m.year,
            compiledBy: m.compiledByName, items: try items(m), signedBy: m.signedByName, signedAt: m.signedAt,
            validFrom: period?.from, validUntil: period?.until)
    }
}

extension Request {
    var departmentLists: DepartmentListService {
        DepartmentListService(database: db, catalogue: catalogue, audit: auditLog, clock: application.clock)
    }
}
