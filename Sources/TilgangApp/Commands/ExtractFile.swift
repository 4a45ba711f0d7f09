import Foundation
import TilgangDomain

/// Streams a register extract from disk into an `ExtractReader` in 4 MiB chunks; a name ending in `.gz` is
/// decompressed by the system's `gzip -dc` as it is read, so memory stays flat for any file size.
enum ExtractFile {
    static let chunkSize = 4 << 20

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void) throws -> Int {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Unreadable(description: "Fant ikke eller kan ikke lese uttrekket «\(path)».")
        }
        var reader = ExtractReader()
        var process: Process?
        let input: FileHandle
        if path.hasSuffix(".gz") {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            gzip.standardOutput = pipe
            try gzip.run()
            process = gzip
            input = pipe.fileHandleForReading
        } else {
            guard let file = FileHandle(forReadingAtPath: path) else {
                throw Unreadable(description: "Kan ikke åpne «\(path)».")
            }
            input = file
        }
        defer { try? input.close() }
        while let data = try input.read(upToCount: chunkSize), !data.isEmpty {
            try data.withUnsafeBytes { raw in try reader.feed(raw, handle) }
        }
        try reader.finish(handle)
        if let process {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Unreadable(
                    description: "gzip kunne ikke pakke ut «\(path)» (status \(process.terminationStatus)).")
            }
        }
        return reader.rows
    }
}
