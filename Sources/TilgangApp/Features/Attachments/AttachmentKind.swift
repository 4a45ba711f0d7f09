/// What an attachment is, as the applicant or the committee picks it on the form.
enum AttachmentKind: String, CaseIterable, Sendable {
    case literature
    case consent
    case labResults = "lab_results"
    case other

    var title: String {
        switch self {
        case .literature: "Litteratur"
        case .consent: "Samtykke"
        case .labResults: "Laboratoriesvar"
        case .other: "Annet"
        }
    }
}
