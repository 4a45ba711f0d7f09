import Foundation
import TilgangDomain

/// Streams a register extract from disk into an `ExtractReader` in chunks (`.gz` decompressed as it is read).
enum ExtractFile {
    static func read(_ path: String, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void) throws -> Int {
        var reader = ExtractReader()
        try ChunkedFile.forEachChunk(path, what: "uttrekket") { data in
            try data.withUnsafeBytes { raw in try reader.feed(raw, handle) }
        }
        try reader.finish(handle)
        return reader.rows
    }
}
