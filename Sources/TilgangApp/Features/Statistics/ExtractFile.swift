import Foundation
import TilgangDomain

/// Streams a register extract from disk into an `ExtractReader` in chunks (`.gz` decompressed as it is read).
enum ExtractFile {
    static func read(_ path: String, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void) throws -> Int {
        var reader = ExtractReader()
        let file = try ChunkedFile(path, what: "uttrekket")
        while let data = try file.next() {
            try data.withUnsafeBytes { raw in try reader.feed(raw, handle) }
        }
        try reader.finish(handle)
        try file.close()
        return reader.rows
    }
}
