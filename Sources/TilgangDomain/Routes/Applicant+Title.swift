extension Applicant.Kind {
    /// Norwegian, as the forms show it.
    public var title: String {
        switch self {
        case .hospitalSpecialist: "sykehusspesialist"
        case .generalPractitioner: "allmennlege"
        case .dentist: "tannlege"
        case .veterinarian: "veterinær"
        }
    }
}
