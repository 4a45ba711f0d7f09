/// Something recorded on a CUNP case.
public enum CUNPEvent: Hashable, Sendable {
    case specialistAssessment(comment: String)
    /// The section chief's handling; `sykehusinnkjopContacted` when no national agreement exists yet.
    case sectionChiefHandling(sykehusinnkjopContacted: Bool, comment: String)
    /// The exemption decision (in Tilgang, or external and confirmed by a pharmacist), already checked.
    case exemptionApproved(ExemptionLink)
    case manufacturerApplicationSent
    case pharmacyManufacturerAgreement
    case pharmacyTrustAgreement
    case medicalDirectorInformed
    case startTreatment

    public var name: String {
        switch self {
        case .specialistAssessment: "specialist_assessment"
        case .sectionChiefHandling: "section_chief_handling"
        case .exemptionApproved: "exemption_approved"
        case .manufacturerApplicationSent: "manufacturer_application_sent"
        case .pharmacyManufacturerAgreement: "pharmacy_manufacturer_agreement"
        case .pharmacyTrustAgreement: "pharmacy_trust_agreement"
        case .medicalDirectorInformed: "medical_director_informed"
        case .startTreatment: "start_treatment"
        }
    }

    /// The gate the event passes (or helps pass), if any.
    public var gate: CUNPGate? {
        switch self {
        case .specialistAssessment: .twoSpecialistAssessments
        case .sectionChiefHandling: .sectionChiefHandling
        case .exemptionApproved: .exemptionApproved
        case .manufacturerApplicationSent: .manufacturerApplicationSent
        case .pharmacyManufacturerAgreement: .pharmacyManufacturerAgreement
        case .pharmacyTrustAgreement: .pharmacyTrustAgreement
        case .medicalDirectorInformed: .medicalDirectorInformed
        case .startTreatment: nil
        }
    }
}

/// Records gate events on a CUNP case with the role checks of SPEC §7. Pure: returns the new progress.
public enum CUNPWorkflow {
    /// Specialists who may assess the treatment for the patient group.
    public static let specialistRoles: Set<Role> = [.physician, .sectionChief, .departmentHead]

    /// `requesterID` is the treating specialist who asked for the treatment: the exemption, the manufacturer
    /// application and the start of treatment are theirs, not any physician's of the trust.
    public static func record(
        _ event: CUNPEvent, by actor: CUActor, trustID: String, to progress: CUNPProgress, in context: CUNPContext,
        requesterID: String? = nil
    ) throws(CUError) -> CUNPProgress {
        func treatingSpecialist() throws(CUError) {
            if let requesterID {
                guard actor.personID == requesterID else { throw .wrongRole(.physician) }
            } else {
                guard actor.role == .physician else { throw .wrongRole(.physician) }
            }
        }
        guard actor.trustID == trustID else { throw .otherTrust }
        guard !progress.treatmentStarted else {
            throw .notAllowedInState(action: event.name, state: "behandling startet")
        }
        if let gate = event.gate, !context.isRequired(gate) { throw .gateNotRequired(gate) }
        var next = progress
        switch event {
        case .specialistAssessment(let comment):
            guard specialistRoles.contains(actor.role) else { throw .wrongRole(.physician) }
            guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .missing(field: "comment")
            }
            guard !progress.specialistAssessors.contains(actor.personID) else { throw .sameSpecialistTwice }
            next.specialistAssessors.append(actor.personID)
        case .sectionChiefHandling(let contacted, _):
            guard actor.role == .sectionChief else { throw .wrongRole(.sectionChief) }
            next.sectionChiefHandled = true
            next.sykehusinnkjopContacted = contacted
        case .exemptionApproved(let link):
            let trimmed = link.reference.trimmingCharacters(in: .whitespacesAndNewlines)
            switch link.kind {
            case .tilgang:
                // The treating specialist or the pharmacy links the decision; the service has checked it.
                if actor.role != .hospitalPharmacist { try treatingSpecialist() }
                guard !trimmed.isEmpty else { throw .missing(field: "exemptionReference") }
            case .external:
                // Nothing in Tilgang vouches for an external reference: a pharmacist confirms it by name.
                guard actor.role == .hospitalPharmacist else { throw .wrongRole(.hospitalPharmacist) }
                guard !trimmed.isEmpty else { throw .missing(field: "externalReference") }
                guard link.confirmedBy?.isEmpty == false, link.confirmedAt != nil else {
                    throw .missing(field: "externalConfirmed")
                }
            }
            var stored = link
            stored.reference = trimmed
            next.exemptionReference = trimmed
            next.exemptionLink = stored
        case .manufacturerApplicationSent:
            try treatingSpecialist()
            next.manufacturerApplicationSent = true
        case .pharmacyManufacturerAgreement:
            guard actor.role == .hospitalPharmacist else { throw .wrongRole(.hospitalPharmacist) }
            next.pharmacyManufacturerAgreement = true
        case .pharmacyTrustAgreement:
            guard actor.role == .level2Leader else { throw .wrongRole(.level2Leader) }
            next.pharmacyTrustAgreement = true
        case .medicalDirectorInformed:
            guard actor.role == .level2Leader else { throw .wrongRole(.level2Leader) }
            next.medicalDirectorInformed = true
        case .startTreatment:
            try treatingSpecialist()
            let open = progress.openGates(in: context)
            guard open.isEmpty else { throw .gatesOpen(open) }
            next.treatmentStarted = true
        }
        return next
    }
}
