import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

/// Signs demo users in over the API and remembers their tokens.
struct APIClient {
    let app: Application

    func token(_ username: String) async throws -> String {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try await app.users.issueToken(for: try AuthenticatedUser(user), now: app.clock.now).token
    }

    func headers(_ token: String, version: Int? = nil, idempotencyKey: String? = nil) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
        if let version { headers.replaceOrAdd(name: .ifMatch, value: "\"\(version)\"") }
        if let idempotencyKey { headers.replaceOrAdd(name: "Idempotency-Key", value: idempotencyKey) }
        return headers
    }

    /// Chain v2: a step's assessment recommending approval, with reasons.
    static var recommendApproval: [String: Any] {
        ["assessmentKind": "recommend_approval", "assessment": "Faglig forsvarlig; indikasjonen er godt dokumentert."]
    }

    /// Chain v2: the division director's priority assessment.
    static func priority(benefit: String, resourceUse: String, severity: String) -> [String: Any] {
        [
            "assessmentKind": "recommend_approval", "benefit": benefit, "resourceUse": resourceUse,
            "severity": severity,
        ]
    }

    /// Chain v2: the committee's recommendation, recorded by `username`, who took part.
    func committeeRecommends(on id: String, version: Int, as username: String) async throws -> (
        status: HTTPStatus, version: Int, body: String
    ) {
        let member = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        var fields = Self.recommendApproval
        fields["members"] = [try member.requireID().uuidString]
        return try await act("assess", on: id, version: version, as: username, fields: fields)
    }

    /// Chain v2: a draft of si-lege's submitted and taken through the department head's and the division
    /// director's assessments; the case's version at the committee.
    func toCommittee(_ id: String, draftVersion: Int) async throws -> Int {
        var v = try await act("submit", on: id, version: draftVersion, as: "si-lege").version
        v = try await act("assess", on: id, version: v, as: "si-avdelingsleder", fields: Self.recommendApproval).version
        return try await act(
            "assess", on: id, version: v, as: "si-divisjonsdirektor",
            fields: Self.priority(benefit: "Stor", resourceUse: "Lav", severity: "Alvorlig")
        ).version
    }

    /// Chain v2: the patient's own trust's director involved, with a comment.
    static var partnerComment: [String: Any] {
        ["assessmentKind": "comment", "assessment": "Involvert; ingen innvendinger fra pasientens helseforetak."]
    }

    /// A national identity number with valid check digits.
    static let patientNIN = validNIN(born: "150385")
    /// A second patient.
    static let otherPatientNIN = validNIN(born: "020771")

    static func validNIN(born: String) -> String {
        for individual in 100..<1000 {
            let nine = "\(born)\(individual)"
            let digits = nine.compactMap(\.wholeNumberValue)
            func check(_ numbers: [Int], _ weights: [Int]) -> Int? {
                let digit = (11 - zip(numbers, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11) % 11
                return digit == 10 ? nil : digit
            }
            if let k1 = check(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2]),
                let k2 = check(digits + [k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
            {
                return nine + "\(k1)\(k2)"
            }
        }
        return ""
    }

    static func draft(kind: String = "individual", patientTrust: String = "SI") -> [String: Any] {
        var body: [String: Any] = [
            "kind": kind, "patientTrust": patientTrust, "medicineId": "mabthera-500mg", "indication": "G35",
            "dosage": "1000 mg x 2 med 2 ukers mellomrom", "treatmentDuration": "12 måneder",
            "justification": "Aktiv MS med svikt på to godkjente behandlinger",
            "alternatives": "Ocrelizumab er prøvd; bivirkninger", "expectedBenefit": "Færre attakker",
            "costEstimate": "ca. 60 000 kr per år", "patientInformed": true,
        ]
        if kind == "individual" {
            body["patientNIN"] = patientNIN
        } else {
            body["groupDescription"] = "Voksne med aktiv RRMS som har sviktet to behandlinger"
            body["groupSize"] = 12
        }
        return body
    }

    /// An administrator's action on an account (`deactivate`, `activate`, `reset_password` with `password` …)
    /// through the API; its status.
    func userAction(_ action: String, on user: UUID, as admin: String, fields: [String: String] = [:]) async throws
        -> HTTPStatus
    {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(
            .POST, "/api/v1/users/\(user)/actions", headers: headers(try await token(admin)),
            body: try Fixtures.json(fields.merging(["action": action]) { _, action in action })
        ) { res in status = res.status }
        return status
    }

    /// Creates a draft as `username` and returns its id and version.
    func createCase(as username: String, body: [String: Any] = draft()) async throws -> (id: String, version: Int) {
        var result = ("", 0)
        try await app.testing().test(
            .POST, "/api/v1/cases", headers: headers(try await token(username)), body: try Fixtures.json(body)
        ) { res in
            #expect(res.status == .created, "\(res.body.string)")
            let dto = try res.content.decode(CaseDTO.self)
            result = (dto.id.uuidString, dto.version)
        }
        return result
    }

    /// Acts and returns the response status and the case's new version (unchanged on failure).
    @discardableResult
    func act(
        _ action: String, on id: String, version: Int, as username: String, fields: [String: Any] = [:],
        idempotencyKey: String? = nil
    ) async throws -> (status: HTTPStatus, version: Int, body: String) {
        var body: [String: Any] = ["action": action]
        for (key, value) in fields { body[key] = value }
        var result: (HTTPStatus, Int, String) = (.ok, version, "")
        try await app.testing().test(
            .POST, "/api/v1/cases/\(id)/actions",
            headers: headers(try await token(username), version: version, idempotencyKey: idempotencyKey),
            body: try Fixtures.json(body)
        ) { res in
            let newVersion = (try? res.content.decode(CaseDTO.self).version) ?? version
            result = (res.status, newVersion, res.body.string)
        }
        return result
    }
}
