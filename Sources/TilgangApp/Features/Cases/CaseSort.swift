import Foundation

/// How a work list is ordered. Newest first is read page by page from the database; the others sort the visible
/// rows here (a work list is one person's or one unit's cases).
enum CaseSort: String, CaseIterable, Sendable {
    case newest
    /// Waiting longest first: the oldest state change first.
    case waiting
    case caseNumber = "case_number"
    case medicine
    case applicant

    var title: String {
        switch self {
        case .newest: "Nyeste først"
        case .waiting: "Ventet lengst først"
        case .caseNumber: "Saksnummer"
        case .medicine: "Legemiddel"
        case .applicant: "Søker"
        }
    }

    func areInOrder(_ a: CaseListRow, _ b: CaseListRow) -> Bool {
        func key(_ row: CaseListRow) -> String {
            switch self {
            case .newest, .waiting, .caseNumber: row.caseNumber
            case .medicine: row.medicineName.lowercased() + "\u{0}" + row.caseNumber
            case .applicant: (row.applicantName ?? "").lowercased() + "\u{0}" + row.caseNumber
            }
        }
        switch self {
        case .newest:
            return (a.createdAt ?? .distantPast, a.caseNumber) > (b.createdAt ?? .distantPast, b.caseNumber)
        case .waiting:
            let (x, y) = (
                a.stateChangedAt ?? a.createdAt ?? .distantPast, b.stateChangedAt ?? b.createdAt ?? .distantPast
            )
            return x != y ? x < y : a.caseNumber < b.caseNumber
        default:
            return key(a).compare(key(b), locale: .init(identifier: "nb_NO")) == .orderedAscending
        }
    }
}
