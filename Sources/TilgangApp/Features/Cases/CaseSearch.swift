import Foundation
import TilgangDomain

/// Search within a work list: free text (case number, medicine or applicant), status and a creation-date range
/// (Europe/Oslo days, inclusive). Built from user input by `init(text:state:from:to:)`, which names the bad field.
struct CaseSearch: Sendable {
    var text: String?
    var state: CaseState?
    var from: CalendarDate?
    var to: CalendarDate?
    var sort: CaseSort = .newest

    init() {}

    /// Dates are accepted as DD.MM.YYYY (pages) or YYYY-MM-DD (API); empty strings mean "not given".
    init(text: String?, state: String?, from: String?, to: String?, sort: String? = nil) throws {
        var errors: [FieldError] = []
        if let raw = Self.given(sort) {
            if let sort = CaseSort(rawValue: raw) {
                self.sort = sort
            } else {
                errors.append(
                    FieldError(
                        field: "sort", message: "bruk " + CaseSort.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        self.text = Self.given(text)
        if let raw = Self.given(state) {
            self.state = CaseState(rawValue: raw)
            if self.state == nil { errors.append(FieldError(field: "state", message: "ukjent status")) }
        }
        (self.from, self.to) = (Self.day(from, field: "from", &errors), Self.day(to, field: "to", &errors))
        if let from = self.from, let to = self.to, to < from {
            errors.append(FieldError(field: "to", message: "kan ikke være før fra-dato"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
    }

    var isEmpty: Bool { text == nil && state == nil && from == nil && to == nil }

    /// The free text lower-cased, when SQL's `lower(…) LIKE` finds exactly what `matches` finds: plain ASCII
    /// without LIKE's wildcards or escape. Otherwise nil, and the text is matched only here.
    var sqlText: String? {
        guard let needle = text?.lowercased(),
            needle.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "%" && $0 != "_" && $0 != "\\" })
        else { return nil }
        return needle
    }

    func matches(_ model: CaseListRow) -> Bool {
        if let text {
            let needle = text.lowercased()
            // A whole case number (`si-2025-001834`) finds that case number, not medicines or people named so.
            let number = model.caseNumber.lowercased().contains(needle)
            guard
                number
                    || (!CaseSearchNumbers.isWholeNumber(needle)
                        && (model.medicineName.lowercased().contains(needle)
                            || (model.applicantName ?? "").lowercased().contains(needle)))
            else { return false }
        }
        if let state, model.state != state.rawValue { return false }
        if from != nil || to != nil {
            guard let created = model.createdAt else { return false }
            let day = CalendarDate(osloDay: created)
            if let from, day < from { return false }
            if let to, day > to { return false }
        }
        return true
    }

    private static func given(_ value: String?) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespaces) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func day(_ value: String?, field: String, _ errors: inout [FieldError]) -> CalendarDate? {
        guard let raw = given(value) else { return nil }
        guard let day = PathwayForm.date(fromUserInput: raw) else {
            errors.append(FieldError(field: field, message: "oppgi en dato som DD.MM.ÅÅÅÅ"))
            return nil
        }
        return day
    }
}
