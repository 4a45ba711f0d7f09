import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct PathwayAPITests {
        @Test func everyDocumentedExampleGivesItsDecision() async throws {
            try await withTilgangApp(demoData: true) { app in
                for example in try Fixtures.pathwayExamples {
                    // when
                    try await app.testing().test(
                        .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"],
                        body: ByteBuffer(data: example.scenarioData)
                    ) { res in
                        // then
                        #expect(res.status == .ok, "\(example.name)")
                        let decision = try #require(
                            try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                        for (key, value) in example.expected {
                            #expect(
                                String(describing: decision[key] ?? "nil") == String(describing: value),
                                "\(example.name): \(key)")
                        }
                        #expect((decision["explanation"] as? String)?.isEmpty == false)
                        #expect((decision["nextSteps"] as? [String])?.isEmpty == false)
                    }
                }
            }
        }

        @Test func invalidScenarioGets422NamingEachField() async throws {
            try await withTilgangApp { app in
                // given
                let body = try Fixtures.json([
                    "medicineId": "x", "indication": "E6", "date": "2026-02-30",
                    "patient": ["species": "dog"], "applicant": ["kind": "nurse", "setting": "hospital"],
                ])
                // when
                try await app.testing().test(
                    .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"], body: body
                ) { res in
                    // then
                    #expect(res.status == .unprocessableEntity)
                    let error = try res.content.decode(ErrorResponse.self)
                    let fields = Set((error.fields ?? []).map(\.field))
                    #expect(fields == ["indication", "date", "patient.species", "applicant.kind"])
                }
            }
        }

        @Test func unknownCatalogueMedicineIsAFieldError() async throws {
            try await withTilgangApp(demoData: true) { app in
                let body = try Fixtures.json([
                    "medicineId": "does-not-exist", "indication": "E66", "date": "2026-11-22",
                    "patient": ["species": "human"],
                    "applicant": ["kind": "general_practitioner", "setting": "primary_care"],
                ])
                try await app.testing().test(
                    .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"], body: body
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.content.decode(ErrorResponse.self)
                    #expect(decoded.fields?.map(\.field) == ["medicineId"])
                }
            }
        }

        @Test func catalogueRecordWithoutCodedIndicationsNeedsIndicationCovered() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given: the FEST-like record carries no coded indications
                let body = try Fixtures.json([
                    "medicineId": "metformin-fest", "indication": "E11.9", "date": "2026-11-22",
                    "patient": ["species": "human"],
                    "applicant": ["kind": "general_practitioner", "setting": "primary_care"],
                ])
                // when
                try await app.testing().test(
                    .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"], body: body
                ) { res in
                    // then
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.content.decode(ErrorResponse.self)
                    #expect(decoded.fields?.map(\.field) == ["indicationCovered"])
                }
            }
        }

        @Test func bodyThatIsNotJSONIsRefused() async throws {
            try await withTilgangApp { app in
                try await app.testing().test(
                    .POST, "/api/v1/pathway", headers: ["Content-Type": "application/json"],
                    body: ByteBuffer(string: "not json")
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.content.decode(ErrorResponse.self)
                    #expect(decoded.fields?.first?.field == "$")
                }
            }
        }
    }
}
