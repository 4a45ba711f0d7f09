import Vapor

/// Bcrypt as a `PasswordHasher` (Vapor's own is internal to Vapor).
struct BcryptPasswordHasher: PasswordHasher {
    let cost: Int

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
        Array(try Bcrypt.hash(String(decoding: password, as: UTF8.self), cost: cost).utf8)
    }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws
        -> Bool
    {
        try Bcrypt.verify(
            String(decoding: Array(password), as: UTF8.self),
            created: String(decoding: Array(digest), as: UTF8.self))
    }
}
