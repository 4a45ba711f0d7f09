import Fluent
import TilgangDomain
import Vapor

extension CaseService {
    /// The assessment committee of `trust`: the people a committee recommendation may name as taking part.
    func committeeMembers(of trust: String) async throws -> [(id: UUID, name: String)] {
        try await UserModel.query(on: database)
            .filter(\.$organisation == trust).filter(\.$role == Role.committeeMember.rawValue)
            .filter(\.$active == true).sort(\.$displayName).all()
            .compactMap { user in user.id.map { ($0, user.displayName) } }
    }

    /// A committee recommendation may name only members of the case's trust's committee: the form sends ids, and
    /// an id of anyone else (a leader, another trust's member, a made-up one) is refused by name of the field.
    func checkCommitteeMembers(_ transition: CaseTransition, of record: CaseRecord) async throws {
        let named = (transition.assessment?.members ?? []).filter { $0 != transition.actorID }
        guard !named.isEmpty else { return }
        let committee = Set(try await committeeMembers(of: record.trustCode).map(\.id.uuidString))
        for member in named where !committee.contains(member) {
            throw ValidationFailure(
                field: "members", message: "kan bare være medlemmer av vurderingskomiteen i \(record.trustCode)")
        }
    }

    /// The members' names as they are now, kept on the step so the record reads the same after a name change.
    func memberNames(_ ids: [String]) async throws -> String? {
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return nil }
        let names = try await UserModel.query(on: database).filter(\.$id ~~ uuids).all()
            .reduce(into: [UUID: String]()) { $0[$1.id ?? UUID()] = $1.displayName }
        return uuids.map { names[$0] ?? $0.uuidString }.joined(separator: "; ")
    }
}
