import Fluent
import TilgangDomain
import Vapor

/// Who can move a case on now, among the people of the trusts involved and today's stand-ins
/// (`ApprovalWorkflow.assignment`): shown on the case page, so a case never waits without saying for whom, or whom
/// to appoint (SPEC §5.12).
struct CaseAssignmentService {
    let database: any Database
    let today: CalendarDate

    /// Who can move the case on now, with the names of the people at hand by id (the notices use the same
    /// answer, so whoever the case page says it waits for is told).
    func assignment(of snapshot: CaseSnapshot) async throws -> (CaseAssignment, names: [String: String]) {
        let trusts = Array(Set([snapshot.trustID, snapshot.patientTrustID]))
        let users = try await UserModel.query(on: database).filter(\.$organisation ~~ trusts)
            .filter(\.$active == true).all()
        var names: [String: String] = [:]
        var candidates: [CaseActor] = []
        for user in users {
            guard let id = user.id, let role = Role(rawValue: user.role) else { continue }
            names[id.uuidString] = user.displayName
            candidates.append(
                CaseActor(
                    personID: id.uuidString, role: role, trustID: user.organisation, departmentID: user.departmentCode))
        }
        let byID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { a, _ in a })
        let standIns = try await SubstitutionModel.query(on: database)
            .filter(\.$fromDay <= today.iso).filter(\.$toDay >= today.iso).all()
        for standIn in standIns {
            guard let principal = byID[standIn.principalID], let role = Role(rawValue: principal.role) else { continue }
            candidates.append(
                CaseActor(
                    personID: standIn.substituteID.uuidString, role: role, trustID: principal.organisation,
                    departmentID: principal.departmentCode, onBehalfOf: standIn.principalID.uuidString))
        }
        return (ApprovalWorkflow.assignment(of: snapshot, among: candidates), names)
    }

    /// Norwegian: «Venter på …», or the appointment needed; nil for a closed case.
    func describe(_ snapshot: CaseSnapshot) async throws -> String? {
        let (assignment, names) = try await assignment(of: snapshot)
        switch assignment {
        case .closed:
            return nil
        case .applicant(let id):
            return "Venter på søkeren (\(names[id] ?? "behandlende lege"))."
        case .reviewers(let actors):
            let people = actors.map { actor in
                let name = names[actor.personID] ?? actor.personID
                let behalf = actor.onBehalfOf.flatMap { names[$0] }.map { " som stedfortreder for \($0)" } ?? ""
                return name + behalf
            }
            var unique: [String] = []
            for person in people where !unique.contains(person) { unique.append(person) }
            return "Venter på: " + unique.joined(separator: ", ") + "."
        case .needsAppointment(let needed):
            return needed.description
        }
    }
}
