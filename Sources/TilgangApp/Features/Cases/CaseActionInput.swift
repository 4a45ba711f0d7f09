import TilgangDomain
import Vapor

/// An action on a case, as the form and the API send it.
struct CaseActionInput: Content {
    var action: String
    var comment: String?
    var benefit: String?
    var resourceUse: String?
    var severity: String?
    /// Chain v2 (`assess`): the step's conclusion, its reasons and, for the committee, who took part.
    var assessmentKind: String?
    var assessment: String?
    var members: [String]?
}
