import Foundation
import TilgangDomain

/// Answers "which route applies?": resolves the scenario's medicine and runs the route engine.
/// The CLI, the API and the web page all come through here, so they give the same answer.
struct PathwayService: Sendable {
    let engine: RouteEngine
    let catalogue: any CatalogueService

    func decide(json: Data) async throws -> RouteDecision {
        try await decide(try Scenario.parse(json: json))
    }

    func decide(_ scenario: Scenario) async throws -> RouteDecision {
        try engine.decide(scenario, medicine: try await resolve(scenario.medicine))
    }

    /// The decision for an application form, which has no `indicationCovered` question: when the engine needs that
    /// answer (a FEST record without coded indications) the error is put on the form's `indication` field.
    func decideForApplication(_ scenario: Scenario) async throws -> RouteDecision {
        do {
            return try await decide(scenario)
        } catch let failure as ValidationFailure where failure.errors.first?.field == "indicationCovered" {
            throw ValidationFailure(field: "indication", message: failure.errors[0].message)
        }
    }

    func resolve(_ reference: MedicineReference) async throws -> Medicine {
        switch reference {
        case .inline(let medicine):
            return medicine
        case .catalogue(let id):
            guard let medicine = try await catalogue.medicine(id: id) else {
                throw ValidationFailure(field: "medicineId", message: "«\(id)» finnes ikke i katalogen")
            }
            return medicine
        }
    }
}
