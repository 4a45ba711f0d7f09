import Fluent
import TilgangDomain
import Vapor

/// Names substitutes and finds whom a user stands in for today.
struct SubstitutionService {
    static let leaderRoles: Set<Role> = [.departmentHead, .divisionDirector, .committeeMember, .medicalDirector]

    let database: any Database
    /// Cleared when a substitution is made; nil where only `principals` is used.
    var identity: IdentityCache? = nil

    struct Input: Content {
        var substituteUsername: String?
        var from: String?
        var to: String?
    }

    struct Output: Content {
        let id: UUID
        let principal: String
        let substitute: String
        let from: String
        let to: String
    }

    func create(_ input: Input, by user: AuthenticatedUser) async throws -> Output {
        guard Self.leaderRoles.contains(user.role) else {
            throw Abort(.forbidden, reason: "Bare ledere kan oppnevne stedfortreder.")
        }
        var errors: [FieldError] = []
        let substitute = try await UserModel.query(on: database)
            .filter(\.$username == (input.substituteUsername ?? "").lowercased()).filter(\.$active == true).first()
        if substitute == nil || substitute?.organisation != user.organisation || substitute?.id == user.id {
            errors.append(
                FieldError(field: "substituteUsername", message: "må være en annen aktiv bruker i din organisasjon"))
        }
        let from = input.from.flatMap(PathwayForm.date(fromUserInput:))
        let to = input.to.flatMap(PathwayForm.date(fromUserInput:))
        if from == nil { errors.append(FieldError(field: "from", message: "oppgi en gyldig dato")) }
        if to == nil { errors.append(FieldError(field: "to", message: "oppgi en gyldig dato")) }
        if let from, let to, to < from { errors.append(FieldError(field: "to", message: "kan ikke være før fra-dato")) }
        guard errors.isEmpty, let substitute, let substituteID = substitute.id, let from, let to else {
            throw ValidationFailure(errors)
        }
        let model = SubstitutionModel()
        model.principalID = user.id
        model.substituteID = substituteID
        model.fromDay = from.iso
        model.toDay = to.iso
        try await model.create(on: database)
        identity?.removeAll()
        return Output(
            id: model.id ?? UUID(), principal: user.username, substitute: substitute.username, from: from.norwegian,
            to: to.norwegian)
    }

    /// The leaders `user` stands in for on `day`, as users in their own roles.
    func principals(of user: AuthenticatedUser, on day: CalendarDate) async throws -> [AuthenticatedUser] {
        try await UserLookup(database).principals(of: user.id, on: day)
    }
}

extension Request {
    var substitutions: SubstitutionService {
        SubstitutionService(database: db, identity: application.identityCache)
    }
}
