/// A requisition under a DMP-approved compassionate use programme (CUP, SPEC §7): the treating specialist asks
/// the supplying hospital pharmacy; the pharmacy checks that the national standard agreement exists; the
/// level-2 leader approves charging the department for the pharmacy's handling costs.
public enum CUPState: String, Codable, Sendable, CaseIterable {
    case requested
    case agreementChecked = "agreement_checked"
    case costApproved = "cost_approved"
    case cancelled

    public var title: String {
        switch self {
        case .requested: "Rekvisisjon sendt til sykehusapoteket"
        case .agreementChecked: "Nasjonal avtale kontrollert – venter på kostnadsgodkjenning"
        case .costApproved: "Kostnad godkjent – klar til behandling"
        case .cancelled: "Avbrutt"
        }
    }
}

public enum CUPAction: String, Codable, Sendable, CaseIterable {
    case checkAgreement = "check_agreement"
    case approveCost = "approve_cost"
    /// The pharmacist changes the draft cost agreement; an approved one then needs a new approval.
    case reviseAgreement = "revise_agreement"
    case cancel
}

/// Who acts on a compassionate-use case.
public struct CUActor: Hashable, Sendable {
    public let personID: String
    public let role: Role
    public let trustID: String

    public init(personID: String, role: Role, trustID: String) {
        self.personID = personID
        self.role = role
        self.trustID = trustID
    }
}

public enum CUError: Error, Hashable, Sendable, CustomStringConvertible {
    case notOnNationalList
    case noActiveProgramme
    case noNationalAgreement
    case wrongRole(Role)
    case otherTrust
    case fourEyes
    case notAllowedInState(action: String, state: String)
    case gatesOpen([CUNPGate])
    case gateNotRequired(CUNPGate)
    case sameSpecialistTwice
    case missing(field: String)
    case noCostAgreement

    public var description: String {
        switch self {
        case .notOnNationalList: "Legemiddelet står ikke på den nasjonale CU-listen."
        case .noActiveProgramme: "Legemiddelet har ikke et aktivt compassionate use-program (CUP) godkjent av DMP."
        case .noNationalAgreement:
            "Det finnes ingen nasjonal standardavtale for legemiddelet; behandlingen kan ikke starte før den er inngått."
        case .wrongRole(let role): "Dette steget hører til rollen «\(role.title)»."
        case .otherTrust: "Saken hører til et annet helseforetak."
        case .fourEyes: "Du kan ikke godkjenne kostnaden for en rekvisisjon du selv har sendt."
        case .notAllowedInState(let action, let state): "«\(action)» kan ikke gjøres i status «\(state)»."
        case .gatesOpen(let gates):
            "Behandlingen kan ikke starte før alle porter er passert. Åpne: "
                + gates.map(\.title).joined(separator: "; ") + "."
        case .gateNotRequired(let gate): "Porten «\(gate.title)» gjelder ikke for denne saken."
        case .sameSpecialistTwice: "De to vurderingene må komme fra to forskjellige spesialister."
        case .missing(let field): "Feltet «\(field)» må fylles ut."
        case .noCostAgreement: "Sykehusapoteket har ikke registrert et utkast til kostnadsavtale som kan godkjennes."
        }
    }
}

public enum CUPWorkflow {
    public static let requesterRoles: Set<Role> = [.physician, .sectionChief]

    /// May this medicine be requisitioned under a programme at all?
    public static func checkRequest(medicine: Medicine, by actor: CUActor) throws(CUError) {
        guard requesterRoles.contains(actor.role) else { throw .wrongRole(.physician) }
        guard medicine.nationalCompassionateUseList else { throw .notOnNationalList }
        guard medicine.compassionateUseProgramme == .active else { throw .noActiveProgramme }
    }

    /// - Parameters:
    ///   - requesterID: who sent the requisition (nobody approves the cost of their own requisition).
    ///   - agreement: the medicine's national standard agreement now.
    ///   - costAgreement: for `check_agreement` and `revise_agreement` the draft cost agreement entered with it;
    ///     for `approve_cost` the one stored on the case (the approval is for exactly that one).
    public static func apply(
        _ action: CUPAction, by actor: CUActor, state: CUPState, trustID: String, requesterID: String,
        agreement: NationalStandardAgreement, costAgreement: CUPCostAgreement? = nil
    ) throws(CUError) -> CUPState {
        guard actor.trustID == trustID else { throw .otherTrust }
        switch (action, state) {
        case (.checkAgreement, .requested):
            guard actor.role == .hospitalPharmacist else { throw .wrongRole(.hospitalPharmacist) }
            guard agreement != .none else { throw .noNationalAgreement }
            guard costAgreement != nil else { throw .missing(field: "costAmount") }
            return .agreementChecked
        case (.reviseAgreement, .agreementChecked), (.reviseAgreement, .costApproved):
            guard actor.role == .hospitalPharmacist else { throw .wrongRole(.hospitalPharmacist) }
            guard costAgreement != nil else { throw .missing(field: "costAmount") }
            // A changed agreement is not the one approved: back to the level-2 leader.
            return .agreementChecked
        case (.approveCost, .agreementChecked):
            guard actor.role == .level2Leader else { throw .wrongRole(.level2Leader) }
            guard actor.personID != requesterID else { throw .fourEyes }
            guard costAgreement != nil else { throw .noCostAgreement }
            return .costApproved
        case (.cancel, .requested), (.cancel, .agreementChecked):
            guard actor.personID == requesterID || actor.role == .hospitalPharmacist else {
                throw .wrongRole(.physician)
            }
            return .cancelled
        default:
            throw .notAllowedInState(action: action.rawValue, state: state.title)
        }
    }
}
