import Foundation

/// The sign-in's `next`: only a path on this site, or the default.
///
/// It ends up in a `Location` header, so a control character (CR/LF splitting the header), a scheme-relative
/// `//host` or `/\host` (which browsers read as another host), or anything that is not a plain absolute path is
/// refused. Percent-encoded forms are checked too, since a browser decodes them.
enum LocalRedirect {
    static let maxLength = 2_000

    static func path(_ next: String?, default fallback: String) -> String {
        guard let next, isSafe(next) else { return fallback }
        return next
    }

    static func isSafe(_ candidate: String) -> Bool {
        guard candidate.count <= maxLength, candidate.hasPrefix("/") else { return false }
        let decoded = candidate.removingPercentEncoding ?? candidate
        for text in [candidate, decoded] {
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\\" }) {
                return false
            }
            if text.hasPrefix("//") { return false }
            if text.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .format || $0.properties.isWhitespace
            }) {
                return false
            }
        }
        // Only the characters of a URL path and query; nothing a header or the HTML could misread.
        let allowed = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%+")
        return candidate.unicodeScalars.allSatisfy(allowed.contains)
    }
}
