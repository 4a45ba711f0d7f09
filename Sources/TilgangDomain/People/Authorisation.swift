/// A health professional's authorisation as the HPR register (Helsepersonellregisteret) records it: the
/// profession and any specialist approvals. R11 and R12 read the applicant's kind from here, never from a form:
/// a veterinarian who picked «Allmennlege» on the form applied for a human patient (issue 11).
public struct Authorisation: Hashable, Sendable {
    public enum Profession: String, Codable, Hashable, Sendable, CaseIterable {
        case physician = "lege"
        case dentist = "tannlege"
        case veterinarian = "veterinær"
    }

    public let hprNumber: String
    public let profession: Profession
    /// Specialist approvals («spesialist i nevrologi»); empty for none.
    public let specialities: [String]

    public init(hprNumber: String, profession: Profession, specialities: [String] = []) {
        self.hprNumber = hprNumber
        self.profession = profession
        self.specialities = specialities
    }

    /// The applicant kind of the route rules for a prescriber outside the hospital with this authorisation.
    public var outsideHospitalKind: Applicant.Kind {
        switch profession {
        case .physician: .generalPractitioner
        case .dentist: .dentist
        case .veterinarian: .veterinarian
        }
    }

    /// Whether a prescriber with this authorisation may be named as `kind` (a notification states the
    /// prescriber's kind; it must be one their authorisation allows).
    public func allows(_ kind: Applicant.Kind) -> Bool {
        switch (profession, kind) {
        case (.physician, .generalPractitioner), (.physician, .hospitalSpecialist), (.dentist, .dentist),
            (.veterinarian, .veterinarian):
            true
        default:
            false
        }
    }
}
