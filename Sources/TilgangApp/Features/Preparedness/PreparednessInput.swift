import Foundation
import TilgangDomain

/// Reading typed-in values of the preparedness forms and API, collecting every bad field.
struct PreparednessInput {
    private(set) var errors: [FieldError] = []
    /// When set, dates must be plausible for this day (`PreparednessBounds.checkDate`: 01.01.2000 to 10 years ahead).
    var today: CalendarDate? = nil

    mutating func fail(_ field: String, _ message: String) { errors.append(FieldError(field: field, message: message)) }

    mutating func text(_ value: String?, _ field: String) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fail(field, "mangler") }
        return trimmed
    }

    mutating func date(_ value: String?, _ field: String, required: Bool) -> CalendarDate? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if required { fail(field, "oppgi en dato som DD.MM.ÅÅÅÅ") }
            return nil
        }
        guard let day = PathwayForm.date(fromUserInput: trimmed) else {
            fail(field, "oppgi en dato som DD.MM.ÅÅÅÅ")
            return nil
        }
        if let today, let implausible = PreparednessBounds.checkDate(day, today: today, field: field) {
            errors.append(implausible)
            return nil
        }
        return day
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ value: String?, _ field: String) -> E?
    where E.RawValue == String {
        guard let parsed = E(rawValue: value ?? "") else {
            // The choices' internal names mean nothing to a person; the form lists them by their titles.
            fail(field, "velg en av verdiene i lista")
            return nil
        }
        return parsed
    }

    func check() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// `a; b, c` or one per line → `["a", "b", "c"]`.
    static func list(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == ";" || $0 == "," || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func day(_ iso: String?) -> CalendarDate? { iso.flatMap(CalendarDate.init(iso:)) }
}
