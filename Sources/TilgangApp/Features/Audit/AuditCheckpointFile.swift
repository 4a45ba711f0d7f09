import Foundation
import TilgangDomain

/// The operator's file of signed checkpoints of the audit chain's head, one JSON object a line
/// (`{"sequence":…,"hash":"…","at":"…","mac":"…"}`). Kept outside the database (another host, a WORM share or the
/// central log), so that a restore of an older database, or a wipe of the log with its head, shows.
enum AuditCheckpointFile {
    struct Line: Codable {
        let sequence: Int
        let hash: String
        let at: String
        let mac: String
    }

    static func read(_ path: String) throws -> [AuditChain.Checkpoint] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).enumerated().map { index, line in
            do {
                let decoded = try JSONDecoder().decode(Line.self, from: Data(line.utf8))
                return AuditChain.Checkpoint(
                    sequence: decoded.sequence, hash: decoded.hash, at: decoded.at, mac: decoded.mac)
            } catch {
                throw ValidationFailure(field: "--anchor", message: "linje \(index + 1) er ikke et sjekkpunkt")
            }
        }
    }

    /// Appends one checkpoint; the file is created readable by its owner only.
    static func append(_ checkpoint: AuditChain.Checkpoint, to path: String) throws {
        let line = Line(sequence: checkpoint.sequence, hash: checkpoint.hash, at: checkpoint.at, mac: checkpoint.mac)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(line) + Data("\n".utf8)
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw ValidationFailure(field: "--file", message: "kan ikke opprette \(path)") }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }
}
