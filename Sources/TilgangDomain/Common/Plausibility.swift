/// Bounds on numbers and dates a person types, so that a slip (a minus sign, three zeros too many, the year 1899)
/// is caught at the field instead of reaching a decision. The bounds are in docs/forms.md.
public enum Plausibility {
    /// A «limited group» of patients (seed 001: «avgrenset pasientgruppe»).
    public static let groupSize = 2...500
    /// Kroner in a cost estimate: above this is a typing error, not a medicine.
    public static let maximumKroner = 100_000_000
    /// Years a treatment may be planned for.
    public static let maximumTreatmentYears = 50
    /// Dates in applications, shortages and stock: from 2000 to 20 years after today.
    public static let earliestYear = 2000
    public static let yearsAhead = 20

    /// The numbers written in a free text («ca. 60 000 kr», «−5 år»), with their sign; spaces inside a number
    /// (thousands) are kept together, a decimal comma or point ends the whole part.
    public static func numbers(in text: String) -> [(value: Int, negative: Bool)] {
        var found: [(Int, Bool)] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard let digit = scalars[i].properties.numericType != nil ? Int(String(scalars[i])) : nil else {
                i += 1
                continue
            }
            var previous = i - 1
            while previous >= 0 && scalars[previous] == " " { previous -= 1 }
            var negative = previous >= 0 && ["-", "−", "–"].contains(scalars[previous])
            if negative {
                // «2–3 år» is a range, not a minus sign.
                var before = previous - 1
                while before >= 0 && scalars[before] == " " { before -= 1 }
                if before >= 0, scalars[before].properties.numericType != nil { negative = false }
            }
            var value = digit
            i += 1
            while i < scalars.count {
                if let next = Int(String(scalars[i])), scalars[i].properties.numericType != nil {
                    value = value > Int.max / 10 - 10 ? Int.max / 10 : value * 10 + next
                    i += 1
                } else if scalars[i] == " " || scalars[i] == "\u{A0}", i + 1 < scalars.count,
                    Int(String(scalars[i + 1])) != nil,
                    i + 3 < scalars.count
                        && (i + 4 >= scalars.count || Int(String(scalars[i + 4])) == nil)
                {
                    i += 1
                } else {
                    break
                }
            }
            found.append((value, negative))
        }
        return found
    }

    /// A cost estimate: no negative amount and none above `maximumKroner`.
    public static func checkCost(_ text: String, field: String) -> FieldError? {
        let numbers = numbers(in: text)
        if numbers.contains(where: { $0.negative && $0.value > 0 }) {
            return FieldError(field: field, message: "kan ikke være negativt")
        }
        if numbers.contains(where: { $0.value > maximumKroner }) {
            return FieldError(field: field, message: "er over 100 millioner kroner; sjekk beløpet")
        }
        return nil
    }

    /// A treatment duration: no negative number, and not more than `maximumTreatmentYears` years.
    public static func checkDuration(_ text: String, field: String) -> FieldError? {
        let numbers = numbers(in: text)
        if numbers.contains(where: { $0.negative && $0.value > 0 }) {
            return FieldError(field: field, message: "kan ikke være negativ")
        }
        let lower = text.lowercased()
        if lower.contains("år"), numbers.contains(where: { $0.value > maximumTreatmentYears }) {
            return FieldError(field: field, message: "kan ikke være mer enn \(maximumTreatmentYears) år")
        }
        return nil
    }

    /// A group's size.
    public static func checkGroupSize(_ size: Int?, field: String) -> FieldError? {
        guard let size, groupSize.contains(size) else {
            return FieldError(
                field: field,
                message: "en avgrenset gruppe har \(groupSize.lowerBound)–\(groupSize.upperBound) pasienter")
        }
        return nil
    }

    /// A date in an application, a shortage or stock: from `earliestYear` to `yearsAhead` years after today.
    public static func checkDate(_ date: CalendarDate, today: CalendarDate, field: String) -> FieldError? {
        if date.year < earliestYear {
            return FieldError(field: field, message: "kan ikke være før \(earliestYear)")
        }
        if date.year > today.year + yearsAhead {
            return FieldError(field: field, message: "kan ikke være mer enn \(yearsAhead) år fram i tid")
        }
        return nil
    }
}
