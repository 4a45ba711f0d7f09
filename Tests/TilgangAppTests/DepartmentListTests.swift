import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// The simplified hospital routine: the pharmacy compiles a department's annual list, its consultant signs.
    @Suite struct DepartmentListTests {
        static var body: [String: Any] {
            [
                "departmentCode": "SI-MED", "year": 2027,
                "items": [
                    [
                        "medicineId": "prednisolon-mikstur-in", "indication": "J45.9", "quantity": "20 flasker",
                        "justification": "Barn som ikke kan svelge tabletter",
                    ],
                    [
                        "medicineId": "melatonin-3mg-uregistrert", "indication": "G47.0", "quantity": "50 pakninger",
                        "justification": "Søvnvansker hos barn",
                    ],
                ],
            ]
        }

        @Test func thePharmacyCompilesAndTheConsultantSignsOnce() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // only the pharmacy compiles
                try await app.testing().test(
                    .POST, "/api/v1/department-lists", headers: api.headers(try await api.token("si-lege")),
                    body: try Fixtures.json(Self.body)
                ) { res in #expect(res.status == .forbidden) }
                var id = ""
                try await app.testing().test(
                    .POST, "/api/v1/department-lists", headers: api.headers(try await api.token("si-farmasoyt")),
                    body: try Fixtures.json(Self.body)
                ) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    let dto = try res.content.decode(DepartmentListDTO.self)
                    #expect(dto.signedBy == nil && dto.validFrom == nil)
                    #expect(
                        dto.items.map(\.medicineName) == [
                            "Prednisolon mikstur 1 mg/ml", "Melatonin 3 mg (uregistrert)",
                        ])
                    id = dto.id.uuidString
                }
                // a consultant of another department, or the pharmacist, may not sign
                for username in ["si-farmasoyt", "si-lege", "hb-seksjonsoverlege"] {
                    try await app.testing().test(
                        .POST, "/api/v1/department-lists/\(id)/sign",
                        headers: api.headers(try await api.token(username))
                    ) { res in #expect(res.status == .forbidden || res.status == .notFound, "\(username)") }
                }
                try await app.testing().test(
                    .POST, "/api/v1/department-lists/\(id)/sign",
                    headers: api.headers(try await api.token("si-seksjonsoverlege"))
                ) { res in
                    #expect(res.status == .ok)
                    let dto = try res.content.decode(DepartmentListDTO.self)
                    #expect(dto.validFrom?.iso == "2027-01-01" && dto.validUntil?.iso == "2027-12-31")
                }
                try await app.testing().test(
                    .POST, "/api/v1/department-lists/\(id)/sign",
                    headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in #expect(res.status == .conflict) }
            }
        }

        @Test func badListsNameTheLineAndTheField() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var body = Self.body
                body["items"] = [
                    ["medicineId": "ozempic-1mg", "indication": "E11", "quantity": "1", "justification": "x"],
                    ["medicineId": "finnes-ikke", "indication": "", "quantity": "1", "justification": "x"],
                ]
                body["departmentCode"] = "HB-NEV"
                try await app.testing().test(
                    .POST, "/api/v1/department-lists", headers: api.headers(try await api.token("si-farmasoyt")),
                    body: try Fixtures.json(body)
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let fields = try res.content.decode(ErrorResponse.self).fields?.map(\.field) ?? []
                    #expect(fields == ["departmentCode", "items[0].medicineId", "items[1].medicineId"])
                }
                #expect(
                    DepartmentListPageController.lineMessage(
                        FieldError(field: "items[2].quantity", message: "må fylles ut"))
                        == "Linje 3 (Mengde): må fylles ut")
            }
        }
    }
}
