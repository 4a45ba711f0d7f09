import Foundation

/// What passes a CUNP case's exemption gate: an approval exemption decided in Tilgang (its case number, checked
/// against the stored decision) or a reference to a decision made outside Tilgang, which a hospital pharmacist
/// has checked and confirmed by name.
public struct ExemptionLink: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// An exemption case in Tilgang (`DMP-2026-000012`).
        case tilgang
        /// A decision outside Tilgang (a letter on paper, another system), confirmed by a pharmacist.
        case external
    }

    /// Shown wherever an external reference is shown, so nobody takes it for a checked Tilgang decision.
    public static let externalMark = "Ekstern referanse, bekreftet av farmasøyt"

    public var kind: Kind
    public var reference: String
    /// External only: the pharmacist who confirmed the reference, and when.
    public var confirmedBy: String?
    public var confirmedAt: Date?

    public init(kind: Kind, reference: String, confirmedBy: String? = nil, confirmedAt: Date? = nil) {
        self.kind = kind
        self.reference = reference
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
    }

    /// A case number typed by a person: trimmed and upper-cased (`dmp-2026-000012` is `DMP-2026-000012`).
    public static func normalisedCaseNumber(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}
