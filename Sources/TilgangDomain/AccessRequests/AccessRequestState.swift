/// Where a request for access to earlier applications stands.
public enum AccessRequestState: String, Sendable, Codable, CaseIterable {
    case pending
    case granted
    case refused
    case revoked

    public var title: String {
        switch self {
        case .pending: "Venter på avdelingsleder"
        case .granted: "Innvilget"
        case .refused: "Avslått"
        case .revoked: "Trukket tilbake"
        }
    }
}
