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

/// FEST's `TypeSoknadSlv`: how an approval exemption for an unregistered product is handled.
public enum ExemptionApplicationType: Int, Codable, Sendable, CaseIterable {
    /// 1: no application.
    case none = 1
    /// 2: the pharmacy decides between notification and an application to the agency (R7 when the rules allow).
    case pharmacyDecides = 2
    /// 3: the application must be sent to the agency (R8), whatever the notification-country list says.
    case agencyDecides = 3
}
