import TilgangDomain
import Vapor

/// The desk's search, filters and paging over its lists: free text (reference, prescriber, medicine), status,
/// received from/to, only overdue; `limit` 1–500 (100) and `offset`.
struct ExemptionQueueFilter: Sendable {
    var text: String?
    var state: ExemptionState?
    var receivedFrom: CalendarDate?
    var receivedTo: CalendarDate?
    var overdueOnly = false
    var limit = 100
    var offset = 0

    struct Query: Content {
        var q: String?
        var state: String?
        var from: String?
        var to: String?
        var overdue: Bool?
        var limit: Int?
        var offset: Int?
    }

    init() {}

    /// Reads the query, naming every bad field.
    init(_ query: Query) throws {
        var errors: [FieldError] = []
        let trimmed = query.q?.trimmingCharacters(in: .whitespaces) ?? ""
        text = trimmed.isEmpty ? nil : String(trimmed.prefix(200)).lowercased()
        if let raw = query.state, !raw.isEmpty {
            state = ExemptionState(rawValue: raw)
            if state == nil {
                errors.append(
                    FieldError(
                        field: "state",
                        message: "bruk en av " + ExemptionState.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        for (value, field) in [(query.from, "from"), (query.to, "to")] {
            guard let value, !value.isEmpty else { continue }
            guard let day = PathwayForm.date(fromUserInput: value) else {
                errors.append(FieldError(field: field, message: "oppgi en dato som DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD"))
                continue
            }
            if field == "from" { receivedFrom = day } else { receivedTo = day }
        }
        overdueOnly = query.overdue ?? false
        if let value = query.limit {
            if (1...500).contains(value) {
                limit = value
            } else {
                errors.append(FieldError(field: "limit", message: "må være 1–500"))
            }
        }
        if let value = query.offset {
            if (0...1_000_000).contains(value) {
                offset = value
            } else {
                errors.append(FieldError(field: "offset", message: "må være 0–1000000"))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    func matches(_ row: ExemptionSummaryDTO) -> Bool {
        if let text {
            let haystack = [row.reference, row.prescriberName, row.medicineName].joined(separator: " ").lowercased()
            if !haystack.contains(text) { return false }
        }
        if let state, row.state != state.rawValue { return false }
        if let receivedFrom, (row.receivedOn.map { $0 < receivedFrom } ?? true) { return false }
        if let receivedTo, (row.receivedOn.map { receivedTo < $0 } ?? true) { return false }
        if overdueOnly, !row.overdue { return false }
        return true
    }

    func page(_ rows: [ExemptionSummaryDTO]) -> [ExemptionSummaryDTO] {
        let matching = rows.filter(matches)
        guard offset < matching.count else { return [] }
        return Array(matching[offset..<min(matching.count, offset + limit)])
    }
}
