/// The roles of SPEC §2. What a user sees and may do follows from role + organisation + department.
public enum Role: String, Codable, Sendable, CaseIterable {
    case physician
    case departmentHead = "department_head"
    case divisionDirector = "division_director"
    case committeeMember = "committee_member"
    case medicalDirector = "medical_director"
    case sectionChief = "section_chief"
    case level2Leader = "level2_leader"
    case hospitalPharmacist = "hospital_pharmacist"
    case agencyOfficer = "agency_officer"
    case preparednessAnalyst = "preparedness_analyst"
    case administrator
    /// A physician outside the hospital (general practitioner), a dentist or a veterinarian: applies to the agency
    /// for approval exemptions (R12) but has no part in a trust's chain.
    case externalPrescriber = "external_prescriber"

    /// Norwegian name shown to users.
    public var title: String {
        switch self {
        case .physician: "Behandlingsansvarlig lege"
        case .departmentHead: "Fagansvarlig leder"
        case .divisionDirector: "Forankringsansvarlig leder"
        case .committeeMember: "Medlem av vurderingskomiteen"
        case .medicalDirector: "Direktør medisin og helsefag"
        case .sectionChief: "Seksjonsoverlege"
        case .level2Leader: "Nivå 2-leder"
        case .hospitalPharmacist: "Sykehusfarmasøyt"
        case .agencyOfficer: "Saksbehandler i DMP"
        case .preparednessAnalyst: "Beredskapsanalytiker"
        case .administrator: "Systemadministrator"
        case .externalPrescriber: "Lege, tannlege eller veterinær utenfor sykehus"
        }
    }
}
