/// Exemption applications of one year and species in Tilgang's own records, counted as the agency counts them in
/// Tables 1 and 5 of seed 004: applications the agency has decided, apart from those still waiting for it, and
/// pharmacies' notifications. Every count leaves through `ReportedCount`, so 1–4 is "<5".
public struct ApplicationCounts: Equatable, Sendable {
    /// Applications to the agency, decided or not.
    public private(set) var received = 0
    /// Applications the agency has decided (approved or refused, also when appealed since).
    public private(set) var decided = 0
    public private(set) var notifications = 0

    public init() {}

    /// `count` exemptions of this kind in this state (a row of a `GROUP BY`).
    public mutating func add(kind: ExemptionKind, state: ExemptionState, count: Int = 1) {
        if kind == .notification {
            notifications += count
            return
        }
        received += count
        if Self.decidedByAgency(state) { decided += count }
    }

    /// Whether the agency has made its decision: not while the application is received or under assessment.
    public static func decidedByAgency(_ state: ExemptionState) -> Bool {
        switch state {
        case .approved, .refused, .appealed, .withMinistry, .appealAllowed, .appealDismissed: true
        case .submitted, .underAssessment, .notified: false
        }
    }
}
