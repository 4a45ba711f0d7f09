/// Early-phase documentation of an exemption application (SPEC §6; seed 002, Storting resolution II).
public struct EarlyPhaseDocumentation: Codable, Hashable, Sendable {
    public var studyPhases: String
    public var patientsStudied: Int?

    public init(studyPhases: String, patientsStudied: Int?) {
        self.studyPhases = studyPhases
        self.patientsStudied = patientsStudied
    }
}

/// Decides, from the route engine's answer, what becomes of an application at submission: the agency decides it
/// (R8, also CUNP under R6), the pharmacy notifies it (R7), or it is refused now with the rules that forbid it
/// (R11 cannabis without a hospital specialist, R12 the wrong kind of applicant, R1/R2 a medicine with Norwegian
/// MT, and every other route that needs no exemption).
public enum ExemptionSubmission {
    public enum Outcome: Hashable, Sendable {
        /// To the agency desk; `warnings` are shown but do not stop the application.
        case toAgency(warnings: [String])
        /// No prior decision: the dispensing pharmacy records a notification.
        case notification
    }

    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public let rules: [RuleID]
        public let explanation: String

        public var description: String {
            "Søknaden kan ikke sendes (\(rules.map(\.rawValue).joined(separator: ", "))): \(explanation)"
        }
    }

    public static func evaluate(
        _ decision: RouteDecision, medicine: Medicine, earlyPhase: EarlyPhaseDocumentation?
    ) throws(Refusal) -> Outcome {
        guard decision.agencyApplication != .none, decision.applicantMayApply else {
            throw Refusal(rules: decision.rules, explanation: decision.explanation)
        }
        if decision.agencyApplication == .notification { return .notification }
        var warnings: [String] = []
        if medicine.earlyPhase {
            let phases = earlyPhase?.studyPhases.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if phases.isEmpty || earlyPhase?.patientsStudied == nil {
                // Missing documentation is not by itself a ground to refuse to assess the application.
                warnings.append(
                    "Dokumentasjonen for tidligfaselegemiddelet (studiefaser, antall pasienter studert) mangler. "
                        + "Det er ikke i seg selv grunn til å avvise søknaden, men DMP vurderer den samlede dokumentasjonen."
                )
            }
        }
        return .toAgency(warnings: warnings)
    }
}
