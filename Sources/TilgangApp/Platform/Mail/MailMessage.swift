import Foundation

/// A plain-text e-mail as the SMTP client sends it: UTF-8 text, the subject encoded per RFC 2047, CRLF line
/// ends and dot-stuffing (RFC 5321 §4.5.2) done by `data`.
struct MailMessage: Sendable {
    let from: String
    let to: String
    let subject: String
    let body: String
    let date: Date
    /// The part of the Message-ID after the unique token: the sender's domain.
    let domain: String
    let messageID: UUID

    init(from: String, to: String, subject: String, body: String, date: Date, messageID: UUID = UUID()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID
    }

    /// The DATA section without its closing `.` line: headers, a blank line and the body, every line ending in
    /// CRLF, every line that starts with `.` given one more.
    var data: String {
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322(date))", "Message-ID: <\(messageID.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        ]
        return (headers + [""] + Self.lines(body)).map(Self.dotStuffed).map { $0 + "\r\n" }.joined()
    }

    /// Lines of `text`, whatever its line ends (CRLF, LF or a lone CR, none of which may reach the wire bare).
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func dotStuffed(_ line: String) -> String { line.hasPrefix(".") ? "." + line : line }

    /// RFC 2047: ASCII as it is; otherwise base64 encoded-words of at most 75 characters, folded onto
    /// continuation lines, each ending on a whole character.
    static func encodedWord(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII }) { return flat }
        var words: [String] = []
        var chunk = ""
        for character in flat {
            // 45 bytes of UTF-8 make 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72.
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Oslo") ?? .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// An address the client may put in a command or header: one `@`, no spaces, controls or angle brackets
    /// (nothing that could end a command line or add a header).
    static func isValidAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return address.unicodeScalars.allSatisfy { scalar in
            scalar.value > 32 && !(127...159).contains(scalar.value)
                && scalar.properties.generalCategory != .lineSeparator
                && scalar.properties.generalCategory != .paragraphSeparator
                && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        }
    }
}
