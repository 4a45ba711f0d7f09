import Foundation

/// Reads a large file in 4 MiB chunks so memory stays flat for any size; a name ending in `.gz` is decompressed by
/// the system's `gzip -dc` as it is read. Used by the extract and FEST imports.
enum ChunkedFile {
    static let chunkSize = 4 << 20

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Calls `body` with each chunk in order; `what` names the file in errors ("uttrekket", "FEST-filen").
    static func forEachChunk(_ path: String, what: String, _ body: (Data) throws -> Void) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Unreadable(description: "Fant ikke eller kan ikke lese \(what) «\(path)».")
        }
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
            try body(data)
        }
        if let process {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Unreadable(
                    description: "gzip kunne ikke pakke ut «\(path)» (status \(process.terminationStatus)).")
            }
        }
    }
}
