/// Small-number suppression (seed 004): counts of patients from 1 to 4 leave the system as "<5", so no one can be
/// recognised; 0 and 5 or more are shown as they are. Every other count derived from fewer than five patients
/// (a medicine's dispensings, packages, DDD) is suppressed the same way: see `ReportedCount`.
public enum SmallNumbers {
    public static let threshold = 5

    public static func display(_ count: Int) -> String {
        (1..<threshold).contains(count) ? "<\(threshold)" : String(count)
    }

    /// Whether counts derived from `patients` distinct patients must be suppressed: 1–4, or not known.
    public static func suppresses(patients: Int?) -> Bool {
        guard let patients else { return true }
        return (1..<threshold).contains(patients)
    }
}

/// A count as it may leave the system: the number, or "<5" when it derives from fewer than five patients. The
/// number of a suppressed count is not kept, so no output (JSON, CSV, HTML) can show it.
public enum ReportedCount: Hashable, Sendable, Codable, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    case value(Int)
    case suppressed

    /// `count`, unless the patients it derives from are 1–4 or not known (a non-zero count from "0 patients"
    /// cannot be right, so it is suppressed too), or the count itself is 1–4: a DDD or package sum of five
    /// patients can be that small, and no output shows a number from 1 to 4 (issue 18).
    public init(_ count: Int, patients: Int?) {
        let shown =
            !SmallNumbers.suppresses(patients: patients) && (patients != 0 || count == 0)
            && !(1..<SmallNumbers.threshold).contains(count)
        self = shown ? .value(count) : .suppressed
    }

    public init(integerLiteral value: Int) { self = .value(value) }

    /// A count of people or of their cases (applications): 1–4 is suppressed, as the people could be recognised.
    public init(people count: Int) {
        self = SmallNumbers.suppresses(patients: count) ? .suppressed : .value(count)
    }

    /// Reads what `description` writes: a whole number or "<5".
    public init?(_ description: String) {
        if description == "<\(SmallNumbers.threshold)" {
            self = .suppressed
        } else if let count = Int(description) {
            self = .value(count)
        } else {
            return nil
        }
    }

    /// The number, `nil` when suppressed.
    public var value: Int? {
        if case .value(let count) = self { return count }
        return nil
    }

    public var isSuppressed: Bool { self == .suppressed }

    /// "<5" or the number.
    public var description: String { value.map(String.init) ?? "<\(SmallNumbers.threshold)" }

    /// A JSON number, or the string "<5".
    public var json: String { value.map(String.init) ?? "\"\(description)\"" }

    /// Reads what `encode` writes: a JSON number or the string "<5".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let count = try? c.decode(Int.self) {
            self = .value(count)
        } else if let text = try? c.decode(String.self), let count = ReportedCount(text) {
            self = count
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a count or \"<5\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .value(let count): try c.encode(count)
        case .suppressed: try c.encode(description)
        }
    }
}
