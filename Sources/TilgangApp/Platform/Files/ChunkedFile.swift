import Foundation

/// Reads a large file in 4 MiB chunks so memory stays flat for any size; a name ending in `.gz` is decompressed by
/// the system's `gzip -dc` as it is read. Used by the extract and FEST imports:
/// `let file = try ChunkedFile(path, what: "uttrekket"); while let chunk = try file.next() { … }; try file.close()`.
final class ChunkedFile {
    static let chunkSize = 4 << 20

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    private let path: String
    private let input: FileHandle
    private let process: Process?
    private var closed = false

    /// `what` names the file in errors ("uttrekket", "FEST-filen").
    init(_ path: String, what: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Unreadable(description: "Fant ikke eller kan ikke lese \(what) «\(path)».")
        }
        self.path = path
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
            process = nil
            input = file
        }
    }

    deinit { if !closed { try? input.close() } }

    /// The next chunk, or `nil` at the end.
    func next() throws -> Data? {
        guard let data = try input.read(upToCount: Self.chunkSize), !data.isEmpty else { return nil }
        return data
    }

    /// Closes the file and, for `.gz`, checks that gzip read it to the end without error.
    func close() throws {
        closed = true
        try? input.close()
        if let process {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Unreadable(
                    description: "gzip kunne ikke pakke ut «\(path)» (status \(process.terminationStatus)).")
            }
        }
    }
}
