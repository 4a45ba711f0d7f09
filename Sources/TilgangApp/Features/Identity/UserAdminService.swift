import Fluent
import TilgangDomain
import Vapor

/// The administrator's account management, limited to the administrator's own organisation. An account holds one
/// role for life: a new role is a new account, so the history of who acted in which role never changes.
/// Every change is written to the audit log in the same transaction.
struct UserAdminService {
    /// Roles a trust administrator may give; agency, preparedness and outside prescribers' accounts are not the
    /// trust's.
    static let trustRoles: [Role] = Role.allCases.filter {
        ![.agencyOfficer, .preparednessAnalyst, .externalPrescriber].contains($0)
    }
    /// Roles that work in a department and need one.
    static let departmentRoles: Set<Role> = [.physician, .departmentHead, .sectionChief, .level2Leader]
    /// Roles that apply for treatment and are identified by HPR number.
    static let hprRoles: Set<Role> = [.physician, .departmentHead, .sectionChief]
    static let minimumPasswordLength = 10

    let database: any Database
    let identity: IdentityCache
    let passwords: AsyncPasswordHasher
    let audit: AuditLogService

    struct NewUser: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var role: String?
        var departmentCode: String?
        var hprNumber: String?
        /// Where case notices are mailed; optional.
        var email: String?
    }

    struct Change: Content {
        /// `deactivate`, `activate`, `reset_password` (with `password`) or `set_email` (with `email`; empty
        /// removes it).
        var action: String?
        var password: String?
        var email: String?
    }

    struct UserDTO: Content {
        let id: UUID
        let username: String
        let displayName: String
        let role: String
        let roleTitle: String
        let organisation: String
        let departmentCode: String?
        let hprNumber: String?
        let email: String?
        let active: Bool
    }

    func list(by admin: AuthenticatedUser) async throws -> [UserDTO] {
        try requireAdministrator(admin)
        return try await UserModel.query(on: database).filter(\.$organisation == admin.organisation)
            .sort(\.$username).all().map(Self.dto)
    }

    func departments(of admin: AuthenticatedUser) async throws -> [DepartmentModel] {
        try await DepartmentModel.query(on: database).filter(\.$trustCode == admin.organisation).sort(\.$name).all()
    }

    func create(_ input: NewUser, by admin: AuthenticatedUser) async throws -> UserDTO {
        try requireAdministrator(admin)
        var errors: [FieldError] = []
        let username = (input.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !Self.isValidUsername(username) {
            errors.append(
                FieldError(field: "username", message: "3–40 tegn: små bokstaver, sifre, punktum og bindestrek"))
        } else if try await UserModel.query(on: database).filter(\.$username == username).count() > 0 {
            errors.append(FieldError(field: "username", message: "er allerede i bruk"))
        }
        let displayName = (input.displayName ?? "").trimmingCharacters(in: .whitespaces)
        if displayName.isEmpty { errors.append(FieldError(field: "displayName", message: "må fylles ut")) }
        if (input.password ?? "").count < Self.minimumPasswordLength {
            errors.append(FieldError(field: "password", message: "må ha minst \(Self.minimumPasswordLength) tegn"))
        }
        let role = Role(rawValue: input.role ?? "").flatMap { Self.trustRoles.contains($0) ? $0 : nil }
        if role == nil { errors.append(FieldError(field: "role", message: "velg en rolle i helseforetaket")) }
        let departmentCode = input.departmentCode.flatMap { $0.isEmpty ? nil : $0 }
        if let role, Self.departmentRoles.contains(role) {
            let known = try await departments(of: admin).compactMap(\.id)
            if departmentCode == nil || !known.contains(departmentCode ?? "") {
                errors.append(FieldError(field: "departmentCode", message: "velg en avdeling i helseforetaket"))
            }
        }
        let hpr = HPRNumber(input.hprNumber ?? "")
        if let role, Self.hprRoles.contains(role), hpr == nil {
            errors.append(FieldError(field: "hprNumber", message: "oppgi et gyldig HPR-nummer (4–9 sifre)"))
        }
        let email = try Self.email(input.email)
        if email == .invalid { errors.append(Self.invalidEmail) }
        guard errors.isEmpty, let role else { throw ValidationFailure(errors) }
        let model = UserModel(
            username: username, displayName: displayName, passwordHash: try await passwords.hash(input.password ?? ""),
            role: role.rawValue, organisation: admin.organisation,
            departmentCode: Self.departmentRoles.contains(role) ? departmentCode : nil,
            hprNumber: Self.hprRoles.contains(role) ? hpr?.digits : nil)
        if case .address(let address) = email { model.email = address }
        try await database.writeTransaction { db in
            try await model.create(on: db)
            // A trust's prescribers are physicians; their entry is what R11 and R12 read.
            if let hpr = model.hprNumber, try await HPRRegisterModel.find(hpr, on: db) == nil {
                try await HPRRegisterModel(
                    hprNumber: hpr, name: displayName, profession: Authorisation.Profession.physician.rawValue
                ).create(on: db)
            }
            try await audit.append(
                "user.create", by: AuditActor(admin), caseID: nil, patientKey: nil,
                detail: "\(username) \(role.rawValue)", on: db)
        }
        // The trust's people, cached for the case page (`IdentityCache.people`), now include the new account.
        identity.removeAll()
        return Self.dto(model)
    }

    /// Deactivation and a password reset delete the account's sessions and tokens in the same transaction, so
    /// they end at once on every server; the identity cache of this process is cleared after the commit.
    func change(_ id: UUID, _ change: Change, by admin: AuthenticatedUser) async throws -> UserDTO {
        try requireAdministrator(admin)
        guard let model = try await UserModel.find(id, on: database), model.organisation == admin.organisation else {
            throw Abort(.notFound, reason: "Fant ingen slik bruker i din organisasjon.")
        }
        let action: String
        switch change.action {
        case "deactivate":
            guard model.id != admin.id else {
                throw ValidationFailure(field: "action", message: "du kan ikke deaktivere deg selv")
            }
            model.active = false
            action = "user.deactivate"
        case "activate":
            model.active = true
            action = "user.activate"
        case "reset_password":
            guard let password = change.password, password.count >= Self.minimumPasswordLength else {
                throw ValidationFailure(
                    field: "password", message: "må ha minst \(Self.minimumPasswordLength) tegn")
            }
            model.passwordHash = try await passwords.hash(password)
            action = "user.reset_password"
        case "set_email":
            switch try Self.email(change.email) {
            case .invalid: throw ValidationFailure([Self.invalidEmail])
            case .none: model.email = nil
            case .address(let address): model.email = address
            }
            action = "user.set_email"
        default:
            throw ValidationFailure(
                field: "action", message: "bruk deactivate, activate, reset_password eller set_email")
        }
        try await database.writeTransaction { db in
            try await model.save(on: db)
            var detail = model.username
            if !["user.activate", "user.set_email"].contains(action), let userID = model.id {
                // A reset or a deactivation ends every session and token the account had, on every server.
                let revoked = try await CredentialRevocation.revokeAll(of: userID, on: db)
                detail += " (avsluttet \(revoked.sessions) økter og \(revoked.tokens) tokener)"
            }
            try await audit.append(action, by: AuditActor(admin), caseID: nil, patientKey: nil, detail: detail, on: db)
        }
        identity.removeAll()
        return Self.dto(model)
    }

    private func requireAdministrator(_ user: AuthenticatedUser) throws {
        guard user.role == .administrator else { throw Abort(.forbidden, reason: "Krever rollen systemadministrator.") }
    }

    /// An e-mail field as given: empty, an address the mail client accepts, or neither.
    enum EmailInput: Equatable {
        case none
        case address(String)
        case invalid
    }

    static func email(_ text: String?) throws -> EmailInput {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .none }
        return MailMessage.isValidAddress(trimmed) ? .address(trimmed) : .invalid
    }

    static let invalidEmail = FieldError(field: "email", message: "oppgi en gyldig e-postadresse (navn@domene.no)")

    static func isValidUsername(_ name: String) -> Bool {
        (3...40).contains(name.count)
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "-" }
    }

    static func dto(_ model: UserModel) -> UserDTO {
        let role = Role(rawValue: model.role)
        return UserDTO(
            id: model.id ?? UUID(), username: model.username, displayName: model.displayName, role: model.role,
            roleTitle: role?.title ?? model.role, organisation: model.organisation,
            departmentCode: model.departmentCode, hprNumber: model.hprNumber, email: model.email,
            active: model.active)
    }
}

extension Request {
    var userAdmin: UserAdminService {
        UserAdminService(
            database: db, identity: application.identityCache,
            passwords: application.passwordHashing.hasher(on: eventLoop), audit: auditLog)
    }
}
