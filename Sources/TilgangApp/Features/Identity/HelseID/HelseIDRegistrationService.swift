import Fluent
import TilgangDomain
import Vapor

/// First sign-in with HelseID: the person states trust and department and waits; the trust's administrator
/// approves with a role, which creates the user (with the HPR number, an unusable password, profession from the
/// HPR register). Every step is audited.
struct HelseIDRegistrationService {
    let database: any Database
    let audit: AuditLogService
    let passwords: AsyncPasswordHasher
    let identity: IdentityCache
    let now: Date

    struct Form: Content {
        var trust: String?
        var department: String?
    }

    struct Pending: Encodable {
        let hprNumber: String
        let name: String
        let departmentCode: String
        let departmentName: String
        let profession: String
    }

    func trusts() async throws -> [TrustModel] { try await TrustModel.query(on: database).sort(\.$name).all() }

    func departments() async throws -> [DepartmentModel] {
        try await DepartmentModel.query(on: database).sort(\.$name).all()
    }

    func registration(hpr: String) async throws -> HelseIDRegistrationModel? {
        try await HelseIDRegistrationModel.find(hpr, on: database)
    }

    /// Records the stated trust and department; the department must belong to the trust.
    func register(hpr: String, name: String, form: Form) async throws {
        var errors: [FieldError] = []
        let trust = try await TrustModel.find(form.trust ?? "", on: database)
        if trust == nil { errors.append(FieldError(field: "trust", message: "velg helseforetaket du arbeider i")) }
        let department = try await DepartmentModel.find(form.department ?? "", on: database)
        if department == nil || department?.trustCode != trust?.id {
            errors.append(FieldError(field: "department", message: "velg en avdeling i helseforetaket"))
        }
        guard errors.isEmpty, let trust, let department, let trustCode = trust.id, let code = department.id else {
            throw ValidationFailure(errors)
        }
        try await database.writeTransaction { db in
            if let old = try await HelseIDRegistrationModel.find(hpr, on: db) { try await old.delete(on: db) }
            try await HelseIDRegistrationModel(
                hprNumber: hpr, name: name, trustCode: trustCode, departmentCode: code, requestedAt: now
            ).create(on: db)
            try await audit.append(
                "helseid.first_sign_in", by: AuditActor(id: "hpr-\(hpr)", role: "pending", trust: trustCode),
                caseID: nil, patientKey: nil, detail: "HPR \(hpr) ber om tilgang i \(code)", on: db)
        }
    }

    /// The trust's waiting people, with the profession the HPR register gives them.
    func pending(of admin: AuthenticatedUser) async throws -> [Pending] {
        guard admin.role == .administrator else { return [] }
        let rows = try await HelseIDRegistrationModel.query(on: database)
            .filter(\.$trustCode == admin.organisation).sort(\.$requestedAt).all()
        var result: [Pending] = []
        for row in rows {
            let hpr = row.id ?? ""
            let department = try await DepartmentModel.find(row.departmentCode, on: database)
            let entry = try await HPRRegisterModel.find(hpr, on: database)
            result.append(
                Pending(
                    hprNumber: hpr, name: row.name, departmentCode: row.departmentCode,
                    departmentName: department?.name ?? row.departmentCode,
                    profession: entry?.profession ?? "ikke i HPR-registeret"))
        }
        return result
    }

    /// Creates the user with the chosen role; refuses someone the HPR register does not know as a prescriber.
    func approve(hpr: String, role: String?, by admin: AuthenticatedUser) async throws -> String {
        guard admin.role == .administrator else { throw Abort(.forbidden, reason: "Bare administrator kan godkjenne.") }
        guard let row = try await HelseIDRegistrationModel.find(hpr, on: database), row.trustCode == admin.organisation
        else { throw Abort(.notFound, reason: "Fant ingen slik forespørsel i din organisasjon.") }
        guard let role = Role(rawValue: role ?? ""), UserAdminService.trustRoles.contains(role) else {
            throw ValidationFailure(field: "role", message: "velg en rolle i helseforetaket")
        }
        if UserAdminService.hprRoles.contains(role),
            try await HPRRegisterService(database: database).authorisation(hpr: hpr) == nil
        {
            throw ValidationFailure(field: "role", message: "HPR-nummeret finnes ikke i HPR-registeret")
        }
        let username = "hpr-\(hpr)"
        if try await UserModel.query(on: database).filter(\.$username == username).count() > 0 {
            throw ValidationFailure(field: "role", message: "brukeren \(username) finnes allerede")
        }
        let model = UserModel(
            username: username, displayName: row.name,
            passwordHash: try await passwords.hash([UInt8].random(count: 32).base64URLEncoded), role: role.rawValue,
            organisation: row.trustCode,
            departmentCode: UserAdminService.departmentRoles.contains(role) ? row.departmentCode : nil,
            hprNumber: hpr)
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await row.delete(on: db)
            try await audit.append(
                "helseid.approve", by: AuditActor(admin), caseID: nil, patientKey: nil,
                detail: "\(username) \(role.rawValue)", on: db)
        }
        identity.removeAll()
        return username
    }
}

extension Request {
    var helseIDRegistrations: HelseIDRegistrationService {
        HelseIDRegistrationService(
            database: db, audit: auditLog, passwords: application.passwordHashing.hasher(on: eventLoop),
            identity: application.identityCache, now: clock.now)
    }
}
