import Fluent
import TilgangDomain
import Vapor

/// Who can move a case on now, among the people of the trusts involved and today's stand-ins
/// (`ApprovalWorkflow.assignment`): shown on the case page, so a case never waits without saying for whom, or whom
/// to appoint (SPEC §5.12).
struct CaseAssignmentService {
    let database: any Database
    let today: CalendarDate
    /// The case page reads the people through the identity cache (`IdentityCache.people`); without it they are
    /// read now (the notices of a step).
    var identity: IdentityCache?

    /// Who can move the case on now, with the names of the people at hand by id (the notices use the same
    /// answer, so whoever the case page says it waits for is told).
    func assignment(of snapshot: CaseSnapshot) async throws -> (CaseAssignment, names: [String: String]) {
        let trusts = Array(Set([snapshot.trustID, snapshot.patientTrustID]))
        let people =
            if let identity {
                try await identity.people(ofTrusts: trusts, on: today, database: database)
            } else {
                try await TrustPeople.load(ofTrusts: trusts, on: today, database: database)
            }
        let users = people.users
        var names: [String: String] = [:]
        var candidates: [CaseActor] = []
        for user in users {
            names[user.id.uuidString] = user.displayName
            candidates.append(
                CaseActor(
                    personID: user.id.uuidString, role: user.role, trustID: user.organisation,
                    departmentID: user.departmentCode))
        }
        let byID = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for standIn in people.standIns {
            guard let principal = byID[standIn.principal] else { continue }
            candidates.append(
                CaseActor(
                    personID: standIn.substitute.uuidString, role: principal.role, trustID: principal.organisation,
                    departmentID: principal.departmentCode, onBehalfOf: standIn.principal.uuidString))
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
