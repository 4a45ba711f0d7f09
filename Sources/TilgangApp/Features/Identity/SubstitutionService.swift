import Fluent
import TilgangDomain
import Vapor

/// Appoints, lists and revokes stand-ins (StandInPolicy: eligible role, same trust and unit, at most 90 days,
/// not in the past). Every appointment and revocation is written to the audit log in the same transaction; a
/// new appointment ends the principal's earlier ones that overlap it.
struct SubstitutionService {
    static let leaderRoles: Set<Role> = [.departmentHead, .divisionDirector, .committeeMember, .medicalDirector]

    let database: any Database
    /// Cleared when a substitution changes; nil where only `principals` is used.
    var identity: IdentityCache? = nil
    var audit: AuditLogService? = nil

    struct Input: Content {
        var substituteUsername: String?
        var from: String?
        var to: String?
    }

    struct Output: Content {
        let id: UUID
        let principal: String
        let substitute: String
        let substituteName: String
        let from: String
        let to: String
    }

    func create(_ input: Input, by user: AuthenticatedUser, today: CalendarDate) async throws -> Output {
        guard Self.leaderRoles.contains(user.role) else {
            throw Abort(.forbidden, reason: "Bare ledere kan oppnevne stedfortreder.")
        }
        let substitute = try await UserModel.query(on: database)
            .filter(\.$username == (input.substituteUsername ?? "").lowercased()).first()
        let from = input.from.flatMap(PathwayForm.date(fromUserInput:))
        let to = input.to.flatMap(PathwayForm.date(fromUserInput:))
        let errors = StandInPolicy.check(
            principal: .init(role: user.role, organisation: user.organisation, departmentCode: user.departmentCode),
            substitute: substitute.map {
                .init(
                    role: Role(rawValue: $0.role) ?? .physician, organisation: $0.organisation,
                    departmentCode: $0.departmentCode, active: $0.active)
            }, isSamePerson: substitute?.id == user.id, from: from, to: to, today: today)
        guard errors.isEmpty, let substitute, let substituteID = substitute.id, let from, let to else {
            // The form's field is the username.
            throw ValidationFailure(
                errors.map {
                    $0.field == "substitute" ? FieldError(field: "substituteUsername", message: $0.message) : $0
                })
        }
        let model = SubstitutionModel()
        model.principalID = user.id
        model.substituteID = substituteID
        model.fromDay = from.iso
        model.toDay = to.iso
        let audit = try requireAudit()
        let detail = "\(user.username) → \(substitute.username) \(from.iso)–\(to.iso)"
        try await database.writeTransaction { db in
            try await Self.endOverlapping(principal: user.id, from: from, on: db)
            try await model.create(on: db)
            try await audit.append(
                "substitution.appoint", by: AuditActor(user), caseID: nil, patientKey: nil, detail: detail, on: db)
        }
        identity?.removeAll()
        return Output(
            id: model.id ?? UUID(), principal: user.username, substitute: substitute.username,
            substituteName: substitute.displayName, from: from.norwegian, to: to.norwegian)
    }

    /// The principal's appointments that have not ended, soonest first.
    func current(of user: AuthenticatedUser, today: CalendarDate) async throws -> [Output] {
        let models = try await SubstitutionModel.query(on: database)
            .filter(\.$principalID == user.id).filter(\.$toDay >= today.iso).sort(\.$fromDay).all()
        var outputs: [Output] = []
        for model in models {
            guard let substitute = try await UserModel.find(model.substituteID, on: database) else { continue }
            outputs.append(
                Output(
                    id: model.id ?? UUID(), principal: user.username, substitute: substitute.username,
                    substituteName: substitute.displayName,
                    from: CalendarDate(iso: model.fromDay)?.norwegian ?? model.fromDay,
                    to: CalendarDate(iso: model.toDay)?.norwegian ?? model.toDay))
        }
        return outputs
    }

    /// Ends one of the principal's own appointments now.
    func revoke(_ id: UUID, by user: AuthenticatedUser) async throws {
        guard let model = try await SubstitutionModel.find(id, on: database), model.principalID == user.id else {
            throw Abort(.notFound, reason: "Fant ingen slik stedfortreder for deg.")
        }
        let audit = try requireAudit()
        let detail = "\(user.username): \(model.fromDay)–\(model.toDay)"
        try await database.writeTransaction { db in
            try await SubstitutionModel.query(on: db).filter(\.$id == id).delete()
            try await audit.append(
                "substitution.revoke", by: AuditActor(user), caseID: nil, patientKey: nil, detail: detail, on: db)
        }
        identity?.removeAll()
    }

    /// The leaders `user` stands in for on `day`, as users in their own roles.
    func principals(of user: AuthenticatedUser, on day: CalendarDate) async throws -> [AuthenticatedUser] {
        try await UserLookup(database).principals(of: user.id, on: day)
    }

    /// A new appointment replaces the earlier ones from its first day: one not yet begun is removed, one under
    /// way ends the day before.
    private static func endOverlapping(principal: UUID, from: CalendarDate, on db: any Database) async throws {
        let overlapping = try await SubstitutionModel.query(on: db)
            .filter(\.$principalID == principal).filter(\.$toDay >= from.iso).all()
        for earlier in overlapping {
            if earlier.fromDay >= from.iso {
                try await earlier.delete(on: db)
            } else {
                earlier.toDay = from.addingDays(-1)?.iso ?? earlier.toDay
                try await earlier.save(on: db)
            }
        }
    }

    private func requireAudit() throws -> AuditLogService {
        guard let audit else { throw Abort(.internalServerError) }
        return audit
    }
}

extension Request {
    var substitutions: SubstitutionService {
        SubstitutionService(database: db, identity: application.identityCache, audit: auditLog)
    }
}
