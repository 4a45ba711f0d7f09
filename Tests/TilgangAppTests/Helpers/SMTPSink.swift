import Foundation
import Testing

/// A real SMTP server for a test: `scripts/smtp_sink.py` (aiosmtpd) in its own process, writing every accepted
/// message to a new directory.
final class SMTPSink {
    struct Message {
        let from: String
        let to: [String]
        /// The message as received, after the server undid dot-stuffing, with CRLF line ends.
        let raw: String

        /// The header's value, unfolded, with RFC 2047 encoded-words decoded.
        func header(_ name: String) -> String? {
            let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
            let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
            guard
                let line = unfolded.components(separatedBy: "\r\n").first(where: {
                    $0.lowercased().hasPrefix(name.lowercased() + ":")
                })
            else { return nil }
            let value = line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            return Self.decodeWords(value)
        }

        var bodyLines: [String] {
            guard let range = raw.range(of: "\r\n\r\n") else { return [] }
            return raw[range.upperBound...].components(separatedBy: "\r\n")
        }

        static func decodeWords(_ value: String) -> String {
            let words = value.components(separatedBy: " ")
            guard words.allSatisfy({ $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }) else { return value }
            return words.map { word in
                let base64 = String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))
                return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            }.joined()
        }
    }

    let port: Int
    let directory: URL
    private let process = Process()

    init(port: Int, refuseFirst: Int = 0, reject: [String] = []) throws {
        self.port = port
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", root.appendingPathComponent("scripts/smtp_sink.py").path, "--port", "\(port)", "--dir",
                directory.path,
                "--refuse-first", "\(refuseFirst)",
            ] + reject.flatMap { ["--reject", $0] }
        try process.run()
        let ready = directory.appendingPathComponent("ready").path
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: ready) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard FileManager.default.fileExists(atPath: ready) else {
            stop()
            throw SinkNotStarted()
        }
    }

    struct SinkNotStarted: Error {}

    /// Every message received so far, in order.
    func messages() throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }
            .sorted()
        return try names.map { name in
            let raw = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let envelopeURL = directory.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json"))
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: envelopeURL)) as? [String: Any]
            return Message(
                from: envelope?["from"] as? String ?? "", to: envelope?["to"] as? [String] ?? [], raw: raw)
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            // Never hang a test run on a server that ignores SIGTERM.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
