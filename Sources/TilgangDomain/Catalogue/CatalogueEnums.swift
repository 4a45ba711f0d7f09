/// Norwegian marketing-authorisation (MT) status of a medicine (SPEC §3).
public enum NorwegianAuthorisation: String, Codable, Sendable, CaseIterable {
    case authorised
    case none
    case deregistered
}

/// Where a method stands in Nye metoder (SPEC §3; R4, R5).
public enum NyeMetoderStatus: String, Codable, Sendable, CaseIterable {
    case none
    case underAssessment = "under_assessment"
    case notIntroduced = "not_introduced"
    case introduced
}

/// A DMP-approved compassionate-use programme (CUP) for the medicine, if any (R6).
public enum CompassionateUseProgrammeStatus: String, Codable, Sendable, CaseIterable {
    case none
    case active
    case ended
}

/// The national standard agreement between manufacturer and the regional health authorities (seed 000).
public enum NationalStandardAgreement: String, Codable, Sendable, CaseIterable {
    case none
    /// Short version: expected treatment under six months.
    case short
    case long
}
