import TilgangDomain
import Vapor

extension ExemptionService {
    /// The decision letter of a decided application, for its applicant (or recording pharmacy) and the agency;
    /// reading it is audited like any read of the case.
    func decisionLetter(_ id: UUID, by user: AuthenticatedUser, today: CalendarDate) async throws -> DecisionLetter {
        let dto = try await read(id, by: user, today: today)
        guard let state = ExemptionState(rawValue: dto.state), let scope = ExemptionScope(rawValue: dto.scope),
            let letter = DecisionLetter.make(
                .init(
                    reference: dto.reference, state: state, decidedOn: dto.decidedOn, reasons: dto.decisionReasons,
                    prescriberName: dto.prescriberName, medicineName: dto.medicineName, indication: dto.indication,
                    scope: scope, species: dto.species, quantity: dto.quantity, validFrom: dto.validFrom,
                    validUntil: dto.validUntil))
        else {
            throw Abort(.notFound, reason: "Saken er ikke avgjort ennå, så den har ikke noe vedtaksbrev.")
        }
        return letter
    }
}

extension DecisionLetter: Content {}
