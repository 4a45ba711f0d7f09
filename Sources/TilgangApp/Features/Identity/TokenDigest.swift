import TilgangDomain
import Vapor

/// SHA-256 hex digest of a secret token.
enum TokenDigest {
    static func of(_ token: String) -> String {
        TextFormat.hex(SHA256.hash(data: Data(token.utf8)))
    }
}
