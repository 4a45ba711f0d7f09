/// Format checks for the coded values the catalogue and the rules use.
public enum Codes {
    /// ICD-10 as used in Norway: a letter, two digits, optionally a dot and up to four more characters (`E11`, `E11.9`).
    public static func isICD10(_ code: String) -> Bool {
        let chars = Array(code)
        guard chars.count == 3 || (chars.count >= 5 && chars.count <= 8) else { return false }
        guard chars[0].isASCII, chars[0].isUppercase, chars[1].isASCII, chars[1].isNumber,
            chars[2].isASCII, chars[2].isNumber || chars[2].isUppercase
        else { return false }
        if chars.count == 3 { return true }
        return chars[3] == "." && chars[4...].allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
    }

    /// An approved indication covers a code when the code equals it or starts with it (`E11` covers `E11.9`).
    public static func indication(_ approved: String, covers code: String) -> Bool {
        code.hasPrefix(approved)
    }

    /// WHO ATC code, human or veterinary (`Q` prefix), at any level: `N`, `N02`, `N02B`, `N02BG`, `N02BG10`.
    public static func isATC(_ code: String) -> Bool {
        var chars = Array(code)
        if chars.first == "Q" && chars.count > 1 && chars[1].isLetter { chars.removeFirst() }
        let shape: [(Character) -> Bool] = [
            { $0.isASCII && $0.isUppercase }, { $0.isASCII && $0.isNumber }, { $0.isASCII && $0.isNumber },
            { $0.isASCII && $0.isUppercase }, { $0.isASCII && $0.isUppercase },
            { $0.isASCII && $0.isNumber }, { $0.isASCII && $0.isNumber },
        ]
        guard [1, 3, 4, 5, 7].contains(chars.count) else { return false }
        return zip(chars, shape).allSatisfy { char, test in test(char) }
    }

    /// ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.
    public static func isCountryCode(_ code: String) -> Bool {
        code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
