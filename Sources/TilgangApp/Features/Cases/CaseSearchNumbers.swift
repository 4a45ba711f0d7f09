/// The case numbers a search for a whole case number finds. A case number is `<trust code>-<year>-<six digits>`
/// (`CaseService.create`, `ReferenceNumber`); text of that shape, lower-cased, is contained in a case number only
/// at its end, so exactly in the numbers of the trusts whose code ends with the text's prefix (`si-2025-001834`
/// is in `SI-2025-001834` and would be in `XSI-2025-001834`). Six digits hold a million cases a trust a year.
enum CaseSearchNumbers {
    static func isWholeNumber(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let prefix = parts.first, !prefix.isEmpty else { return false }
        let digits = { (part: Substring, count: Int) in part.count == count && part.allSatisfy(\.isASCIIDigit) }
        return prefix.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } && digits(parts[1], 4)
            && digits(parts[2], 6)
    }

    /// The stored case numbers (upper-case trust codes as stored) that contain `text`, a whole case number.
    static func containing(_ text: String, trustCodes: [String]) -> [String] {
        guard let hyphen = text.firstIndex(of: "-") else { return [] }
        let prefix = text[..<hyphen]
        let rest = text[hyphen...]
        return trustCodes.filter { $0.lowercased().hasSuffix(prefix) }.map { $0 + rest }.sorted()
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
