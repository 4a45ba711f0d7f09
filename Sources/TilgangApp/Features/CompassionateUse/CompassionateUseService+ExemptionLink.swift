import Fluent
import Foundation
import TilgangDomain
import Vapor

/// The CUNP exemption gate, linked to the real decision: a Tilgang case number is checked against the stored
/// exemption (`LinkedExemptionCheck`); an external reference needs the hospital pharmacist's confirmation.
extension CompassionateUseService {
    static let externalReferenceCharacters = 100

    /// The link the form or body asks for, checked; throws a `ValidationFailure` on the field at fault.
    func exemptionLink(
        _ input: CUActionInput, for model: CUCaseModel, medicine: Medicine, by user: AuthenticatedUser,
        on db: any Database
    ) async throws -> ExemptionLink {
        let caseNumber = ExemptionLink.normalisedCaseNumber(input.exemptionReference ?? "")
        let external = (input.externalReference ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch (caseNumber.isEmpty, external.isEmpty) {
        case (true, true):
            throw ValidationFailure(
                field: "exemptionReference",
                message: "må fylles ut: oppgi saksnummeret til vedtaket i Tilgang (DMP-…)"
                    + (user.role == .hospitalPharmacist ? ", eller en ekstern referanse du bekrefter" : ""))
        case (false, false):
            throw ValidationFailure(
                field: "externalReference",
                message: "oppgi enten saksnummeret i Tilgang eller en ekstern referanse, ikke begge")
        case (false, true):
            // Checked before the stored exemption is looked at, so nobody else learns what it says.
            guard model.requesterID == user.id || user.role == .hospitalPharmacist else {
                throw Abort(
                    .forbidden, reason: "Vedtaket knyttes til saken av behandlende spesialist eller sykehusapoteket.")
            }
            if let problem = try await problem(linking: caseNumber, to: model, medicine: medicine, on: db) {
                throw ValidationFailure([problem])
            }
            return ExemptionLink(kind: .tilgang, reference: caseNumber)
        case (true, false):
            guard user.role == .hospitalPharmacist else {
                throw Abort(.forbidden, reason: "Bare sykehusfarmasøyten kan bekrefte en ekstern referanse.")
            }
            guard external.count <= Self.externalReferenceCharacters else {
                throw ValidationFailure(
                    field: "externalReference", message: "høyst \(Self.externalReferenceCharacters) tegn")
            }
            guard input.externalConfirmed == true else {
                throw ValidationFailure(
                    field: "externalConfirmed",
                    message: "kryss av for at du har sett vedtaket fra DMP og at det gjelder denne pasienten og "
                        + "dette legemiddelet")
            }
            return ExemptionLink(
                kind: .external, reference: external, confirmedBy: user.displayName, confirmedAt: clock.now)
        }
    }

    /// Why the Tilgang exemption `caseNumber` cannot pass this case's gate today, or nil.
    func problem(linking caseNumber: String, to model: CUCaseModel, medicine: Medicine, on db: any Database)
        async throws -> FieldError?
    {
        let exemption = try await ExemptionModel.query(on: db).filter(\.$reference == caseNumber).first()
        var facts: LinkedExemptionCheck.Exemption?
        if let exemption {
            let linkedMedicine = try await FluentCatalogueService(database: db).medicine(id: exemption.medicineID)
            facts = LinkedExemptionCheck.Exemption(
                isAgencyApplication: exemption.kind == ExemptionKind.agencyApplication.rawValue,
                state: ExemptionState(rawValue: exemption.state), patientKey: exemption.patientKey,
                medicineID: exemption.medicineID, substance: linkedMedicine?.substance,
                validFrom: CalendarDate(iso: exemption.validFrom), validUntil: CalendarDate(iso: exemption.validUntil))
        }
        return LinkedExemptionCheck.problem(
            reference: caseNumber, exemption: facts,
            for: .init(patientKey: model.patientKey, medicineID: model.medicineID, substance: medicine.substance),
            today: clock.today)
    }

    /// Before treatment starts the linked Tilgang decision is checked again: it may have expired, or been
    /// reversed on appeal, since it was linked.
    func recheckLink(_ progress: CUNPProgress, of model: CUCaseModel, medicine: Medicine, on db: any Database)
        async throws
    {
        guard let link = progress.exemptionLink, link.kind == .tilgang,
            let problem = try await problem(linking: link.reference, to: model, medicine: medicine, on: db)
        else { return }
        throw Abort(
            .conflict,
            reason:
                "Behandlingen kan ikke starte: vedtaket om godkjenningsfritak holder ikke lenger – \(problem.message)."
                + " Knytt saken til et gyldig vedtak.")
    }

    /// The linked decision as it is now (a Tilgang case's state and period may have changed since it was linked).
    func linkedExemption(_ progress: CUNPProgress, on db: any Database) async throws -> CULinkedExemptionDTO? {
        guard let reference = progress.exemptionReference else { return nil }
        let link = progress.exemptionLink
        if link?.kind == .external {
            return CULinkedExemptionDTO(
                kind: "external", reference: reference, label: ExemptionLink.externalMark, exemptionId: nil,
                state: nil, stateTitle: nil, validFrom: nil, validUntil: nil, validToday: nil,
                confirmedBy: link?.confirmedBy, confirmedAt: link?.confirmedAt)
        }
        guard link?.kind == .tilgang,
            let exemption = try await ExemptionModel.query(on: db).filter(\.$reference == reference).first()
        else {
            return CULinkedExemptionDTO(
                kind: "unchecked", reference: reference, label: "Referanse registrert før kontroll mot Tilgang",
                exemptionId: nil, state: nil, stateTitle: nil, validFrom: nil, validUntil: nil, validToday: nil,
                confirmedBy: nil, confirmedAt: nil)
        }
        let state = ExemptionState(rawValue: exemption.state)
        let from = CalendarDate(iso: exemption.validFrom)
        let until = CalendarDate(iso: exemption.validUntil)
        let today = clock.today
        let valid = (state?.grantsUse ?? false) && from.map { $0 <= today } == true && until.map { today <= $0 } == true
        return CULinkedExemptionDTO(
            kind: "tilgang", reference: reference, label: nil, exemptionId: exemption.id,
            state: exemption.state, stateTitle: state?.title ?? exemption.state, validFrom: from, validUntil: until,
            validToday: valid, confirmedBy: nil, confirmedAt: nil)
    }
}
