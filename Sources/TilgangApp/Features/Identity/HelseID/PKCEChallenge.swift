import Vapor

/// Proof Key for Code Exchange (RFC 7636, S256): the verifier stays in the session, only its hash goes to the
/// provider, so a code caught on its way back is useless without this session.
struct PKCEChallenge {
    let verifier: String

    init(verifier: String = [UInt8].random(count: 32).base64URLEncoded) {
        self.verifier = verifier
    }

    var challenge: String {
        [UInt8](SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }

    /// A random value for `state` and `nonce`.
    static func randomValue() -> String { [UInt8].random(count: 24).base64URLEncoded }
}
