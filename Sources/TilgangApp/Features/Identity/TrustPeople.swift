import Fluent
import Foundation
import TilgangDomain

/// The active users of some trusts and the stand-ins for them on one day: whom a case can wait for
/// (`CaseAssignmentService`).
struct TrustPeople: Sendable {
    struct StandIn: Sendable {
        let principal: UUID
        let substitute: UUID
    }

    let users: [AuthenticatedUser]
    let standIns: [StandIn]

    static func load(ofTrusts trusts: [String], on day: CalendarDate, database: any Database) async throws -> Self {
        let lookup = try UserLookup(database)
        return TrustPeople(
            users: try await lookup.activeUsers(ofTrusts: trusts),
            standIns: try await lookup.standIns(forUsersOf: trusts, on: day).map {
                StandIn(principal: $0.principal, substitute: $0.substitute)
            })
    }
}
