import TilgangDomain
import Vapor

/// One action the signed-in user may take on the case now.
struct CaseActionView: Encodable {
    let action: String
    let label: String
    let needsComment: Bool
    let needsPriority: Bool
    let primary: Bool
}
