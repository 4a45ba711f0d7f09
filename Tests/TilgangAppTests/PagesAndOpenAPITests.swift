import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    @Suite struct PathwayPageTests {
        @Test func pageShowsTheDecisionForADocumentedExample() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given: the Helfo-first example as the form would send it
                let query =
                    "medicineId=ozempic-1mg&indication=E66&date=22.11.2026&species=human"
                    + "&applicantKind=hospital_specialist&setting=hospital&action=decide"
                // when
                try await app.testing().test(.GET, "/ordning?\(query)") { res in
                    // then
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(#"<code id="route">helfo_first</code>"#))
                    #expect(res.body.string.contains(#"<strong class="rule-id">R3</strong>"#))
                }
            }
        }

        @Test func missingIndicationIsShownNextToTheField() async throws {
            try await withTilgangApp(demoData: true) { app in
                let query =
                    "medicineId=ozempic-1mg&indication=&date=22.11.2026&species=human"
                    + "&applicantKind=hospital_specialist&setting=hospital&action=decide"
                try await app.testing().test(.GET, "/ordning?\(query)") { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(#"id="indication-error""#))
                    #expect(!res.body.string.contains(#"id="decision""#))
                }
            }
        }

        @Test func searchFiltersTheMedicineList() async throws {
            try await withTilgangApp(demoData: true) { app in
                try await app.testing().test(.GET, "/ordning?q=bedro&action=search") { res in
                    #expect(res.body.string.contains(#"value="bedrocan-urtete""#))
                    #expect(!res.body.string.contains(#"value="ozempic-1mg""#))
                }
            }
        }

        @Test func healthzAnswersWhenTheDatabaseDoes() async throws {
            try await withTilgangApp { app in
                try await app.testing().test(.GET, "/healthz") { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(#""database":"ok""#))
                }
            }
        }
    }

    @Suite struct OpenAPITests {
        /// Every `/api/v1` route is documented, and every documented operation exists.
        @Test func documentMatchesTheRegisteredRoutes() async throws {
            try await withTilgangApp { app in
                // given
                var documented: Set<String> = []
                try await app.testing().test(.GET, "/api/v1/openapi.json") { res in
                    #expect(res.status == .ok)
                    let doc = try #require(
                        try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                    #expect(doc["openapi"] as? String == "3.0.3")
                    let paths = try #require(doc["paths"] as? [String: [String: Any]])
                    for (path, operations) in paths {
                        for method in operations.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") }
                    }
                }
                // when
                let registered = Set(
                    app.routes.all.map { route in
                        let path = route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                        return "\(route.method.rawValue) /\(path)"
                    }.filter { $0.contains(" /api/v1/") })
                // then
                #expect(!registered.isEmpty)
                #expect(registered == documented)
            }
        }
    }
}
