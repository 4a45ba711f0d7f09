/// What an approval exemption covers (SPEC §6): one patient, the prescriber's practice, or a hospital department
/// (signed by the department's responsible consultant).
public enum ExemptionScope: String, Codable, Sendable, CaseIterable {
    case patient
    case practice
    case department

    public var title: String {
        switch self {
        case .patient: "Én pasient"
        case .practice: "Forskriverens praksis"
        case .department: "Sykehusavdeling"
        }
    }
}

/// How an exemption came about: decided by the agency (R8), or notified by the dispensing pharmacy without a
/// prior decision (R7). Statistics count the two separately (Table 1 of seed 004).
public enum ExemptionKind: String, Codable, Sendable, CaseIterable {
    case agencyApplication = "agency_application"
    case notification
}

/// Where an exemption stands. Notifications are recorded as `notified` and never pass the agency desk.
public enum ExemptionState: String, Codable, Sendable, CaseIterable {
    case submitted
    case underAssessment = "under_assessment"
    case approved
    case refused
    case appealed
    case withMinistry = "with_ministry"
    case appealAllowed = "appeal_allowed"
    case appealDismissed = "appeal_dismissed"
    case notified

    public var title: String {
        switch self {
        case .submitted: "Mottatt i DMP"
        case .underAssessment: "Under vurdering"
        case .approved: "Innvilget"
        case .refused: "Avslått"
        case .appealed: "Klage mottatt"
        case .withMinistry: "Klage oversendt departementet"
        case .appealAllowed: "Klage tatt til følge (innvilget)"
        case .appealDismissed: "Klage ikke tatt til følge"
        case .notified: "Notifisert av apotek"
        }
    }

    /// Whether the exemption may be used for dispensing.
    public var grantsUse: Bool { self == .approved || self == .appealAllowed || self == .notified }

    /// Waiting for the agency or the ministry: on the desk's to-do list, with a deadline, and never purged.
    public var isOpen: Bool { [.submitted, .underAssessment, .appealed, .withMinistry].contains(self) }
}

/// The agency's individual assessment (SPEC §6): professional soundness judged in the light of the patient's
/// situation, the documentation, the risk, the alternatives and the applicant's ability to follow up.
public struct ExemptionAssessment: Codable, Hashable, Sendable {
    public var professionalSoundness: String
    public var documentationLevel: String
    public var risk: String
    public var alternatives: String
    public var followUpAbility: String

    public init(
        professionalSoundness: String, documentationLevel: String, risk: String, alternatives: String,
        followUpAbility: String
    ) {
        self.professionalSoundness = professionalSoundness
        self.documentationLevel = documentationLevel
        self.risk = risk
        self.alternatives = alternatives
        self.followUpAbility = followUpAbility
    }

    /// The fields left empty, by API name.
    public var missingFields: [String] {
        [
            ("professionalSoundness", professionalSoundness), ("documentationLevel", documentationLevel),
            ("risk", risk), ("alternatives", alternatives), ("followUpAbility", followUpAbility),
        ].filter { $0.1.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.map(\.0)
    }
}
