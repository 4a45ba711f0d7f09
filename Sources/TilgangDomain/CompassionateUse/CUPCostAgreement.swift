import Foundation

/// The draft cost agreement of a CUP requisition (SPEC §7): what the department will be charged, for which
/// period, by which supplier. The hospital pharmacist enters it; the level-2 leader approves exactly this.
public struct CUPCostAgreement: Codable, Hashable, Sendable {
    /// Whole øre, so that kroner and øre are kept exactly.
    public var amountOre: Int
    public var from: CalendarDate
    public var to: CalendarDate
    /// The manufacturer or marketing authorisation holder that supplies the medicine.
    public var supplier: String
    public var reference: String?

    /// Above 100 million kroner is a typing error, not a medicine (`Plausibility.maximumKroner`).
    public static let maximumOre = Plausibility.maximumKroner * 100
    /// An agreement runs at most this many years.
    public static let maximumYears = 5
    public static let supplierCharacters = 200
    public static let referenceCharacters = 100

    public init(amountOre: Int, from: CalendarDate, to: CalendarDate, supplier: String, reference: String?) {
        self.amountOre = amountOre
        self.from = from
        self.to = to
        self.supplier = supplier
        self.reference = reference
    }

    /// `125 000` or `125 000,50` kr, as shown on screen.
    public var amountText: String { Self.kroner(amountOre) }

    /// Checks every field and names each bad one: amount (`costAmount`), period (`costFrom`, `costTo`),
    /// supplier (`costSupplier`) and the optional reference (`costReference`). Dates come parsed (nil: missing
    /// or not a date).
    public static func make(
        amount: String?, from: CalendarDate?, to: CalendarDate?, supplier: String?, reference: String?
    ) throws(ValidationFailure) -> CUPCostAgreement {
        var errors: [FieldError] = []
        let ore = parseAmount(amount ?? "")
        switch ore {
        case nil:
            errors.append(
                FieldError(field: "costAmount", message: "oppgi beløpet i hele kroner eller kroner og øre (125 000,50)")
            )
        case let value? where value <= 0:
            errors.append(FieldError(field: "costAmount", message: "må være større enn 0 kr"))
        case let value? where value > maximumOre:
            errors.append(FieldError(field: "costAmount", message: "kan ikke være over 100 000 000 kr; sjekk beløpet"))
        default: break
        }
        if let from {
            if from.year < Plausibility.earliestYear {
                errors.append(FieldError(field: "costFrom", message: "kan ikke være før \(Plausibility.earliestYear)"))
            }
        } else {
            errors.append(FieldError(field: "costFrom", message: "oppgi en gyldig dato (DD.MM.ÅÅÅÅ)"))
        }
        if let to {
            if let from, to < from {
                errors.append(FieldError(field: "costTo", message: "kan ikke være før fra-datoen"))
            } else if let from, to > latestEnd(from: from) {
                errors.append(
                    FieldError(
                        field: "costTo",
                        message:
                            "en avtale varer høyst \(maximumYears) år (til og med \(latestEnd(from: from).norwegian))"
                    ))
            }
        } else {
            errors.append(FieldError(field: "costTo", message: "oppgi en gyldig dato (DD.MM.ÅÅÅÅ)"))
        }
        let supplierText = (supplier ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if supplierText.isEmpty {
            errors.append(FieldError(field: "costSupplier", message: "må fylles ut (produsent eller innehaver)"))
        } else if supplierText.count > supplierCharacters {
            errors.append(FieldError(field: "costSupplier", message: "høyst \(supplierCharacters) tegn"))
        }
        let referenceText = (reference ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if referenceText.count > referenceCharacters {
            errors.append(FieldError(field: "costReference", message: "høyst \(referenceCharacters) tegn"))
        }
        guard errors.isEmpty, let ore, let from, let to else { throw ValidationFailure(errors) }
        return CUPCostAgreement(
            amountOre: ore, from: from, to: to, supplier: supplierText,
            reference: referenceText.isEmpty ? nil : referenceText)
    }

    /// The last day an agreement from `from` may run: five years on, less a day.
    public static func latestEnd(from: CalendarDate) -> CalendarDate {
        let later =
            CalendarDate(year: from.year + maximumYears, month: from.month, day: from.day)
            ?? CalendarDate(year: from.year + maximumYears, month: from.month, day: from.day - 1)  // 29 February
        return later.flatMap { $0.addingDays(-1) } ?? from
    }

    /// Øre from what a person types: digits with spaces (or no-break spaces, or points) between thousands, an
    /// optional decimal comma with one or two digits, an optional «kr» before or after. Nil for anything else,
    /// including a minus sign: a negative amount is not a slip to guess about.
    public static func parseAmount(_ text: String) -> Int? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for affix in ["kr.", "kr", "nok"] {
            if body.hasPrefix(affix) { body = String(body.dropFirst(affix.count)) }
            if body.hasSuffix(affix) { body = String(body.dropLast(affix.count)) }
        }
        body = body.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix(",-") { body = String(body.dropLast(2)) }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first else { return nil }
        let whole = wholeText.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != "." }
        guard !whole.isEmpty, whole.count <= 12, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            let kroner = Int(whole)
        else { return nil }
        var ore = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(fraction)
            else { return nil }
            ore = fraction.count == 1 ? value * 10 : value
        }
        return kroner * 100 + ore
    }

    /// `1 250 000,50 kr` (whole kroner without øre).
    public static func kroner(_ ore: Int) -> String {
        let digits = Array(String(ore / 100))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(" ") }
            grouped.append(digit)
        }
        let rest = ore % 100
        return rest == 0 ? "\(grouped) kr" : "\(grouped),\(rest < 10 ? "0" : "")\(rest) kr"
    }
}
