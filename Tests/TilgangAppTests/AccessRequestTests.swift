import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    /// Access to earlier applications (issue 19, «BAT»): a physician asks, the department head grants for a
    /// period, the physician reads read-only, every step and read is audited, and nothing else opens.
    @Suite struct AccessRequestTests {
        /// A reason as clinicians write it: long, with æøå.
        static let longReason = String(
            repeating: "Pasienten er overført til vår seksjon; jeg må se tidligere vurderinger av rituksimab, "
                + "særlig bivirkninger og årsaken til at behandlingen ble endret. ", count: 18)

        /// A submitted (not draft) application by `username` for `nin`; its id.
        static func submittedCase(_ api: APIClient, as username: String, nin: String) async throws -> String {
            var body = APIClient.draft()
            body["patientNIN"] = nin
            let (id, version) = try await api.createCase(as: username, body: body)
            let submitted = try await api.act("submit", on: id, version: version, as: username)
            #expect(submitted.status == .ok, "\(submitted.body)")
            return id
        }

        /// Sends `body` to `path` as `username`; the status and the body.
        static func post(
            _ api: APIClient, _ path: String, as username: String, _ body: [String: Any] = [:]
        ) async throws -> (status: HTTPStatus, body: String) {
            var result: (HTTPStatus, String) = (.ok, "")
            try await api.app.testing().test(
                .POST, path, headers: api.headers(try await api.token(username)), body: try Fixtures.json(body)
            ) { res in result = (res.status, res.body.string) }
            return result
        }

        static func get(_ api: APIClient, _ path: String, as username: String) async throws -> (HTTPStatus, String) {
            var result: (HTTPStatus, String) = (.ok, "")
            try await api.app.testing().test(.GET, path, headers: api.headers(try await api.token(username))) {
                res in result = (res.status, res.body.string)
            }
            return result
        }

        /// A request by `username` for `nin`; its id.
        static func request(
            _ api: APIClient, as username: String, nin: String, colleague: UUID? = nil
        ) async throws -> String {
            var body: [String: Any] = ["patientNIN": nin, "reason": longReason]
            if let colleague { body["colleagueId"] = colleague.uuidString }
            let (status, text) = try await post(api, "/api/v1/access-requests", as: username, body)
            #expect(status == .created, "\(text)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["state"] as? String == "pending")
            return try #require(object["id"] as? String)
        }

        static func userID(_ app: Application, _ username: String) async throws -> UUID {
            try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first()?.id)
        }

        /// A person in another department of Sykehuset Innlandet (the demo has none).
        static func addPerson(
            _ app: Application, _ username: String, role: Role, department: String, hpr: String?
        ) async throws {
            let user = UserModel(
                username: username, displayName: "Per Psykiatri", passwordHash: "x", role: role.rawValue,
                organisation: "SI", departmentCode: department, hprNumber: hpr)
            try await user.create(on: app.db)
        }

        @Test func askGrantReadOnlyTheNamedPatientAndEveryStepIsAudited() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let patientA = APIClient.patientNIN
                let patientB = APIClient.otherPatientNIN
                // given: si-lege's applications for two patients, and a draft for the first
                let caseA = try await Self.submittedCase(api, as: "si-lege", nin: patientA)
                let caseB = try await Self.submittedCase(api, as: "si-lege", nin: patientB)
                var draftBody = APIClient.draft()
                draftBody["patientNIN"] = patientA
                let (draftA, _) = try await api.createCase(as: "si-lege", body: draftBody)
                // a colleague (section chief, same department) cannot read them
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .forbidden)

                // when: the colleague asks for patient A's earlier applications
                let request = try await Self.request(api, as: "si-seksjonsoverlege", nin: patientA)
                // still nothing before the grant
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .forbidden)
                // the department head sees it pending, and grants 30 days
                let (_, lists) = try await Self.get(api, "/api/v1/access-requests", as: "si-avdelingsleder")
                #expect(lists.contains(request))
                #expect(lists.contains("særlig bivirkninger"))
                let granted = try await Self.post(
                    api, "/api/v1/access-requests/\(request)/grant", as: "si-avdelingsleder", ["days": 30])
                #expect(granted.status == .ok, "\(granted.body)")
                let today = app.clock.today
                #expect(granted.body.contains("\"firstDay\":\"\(today.iso)\""))
                #expect(granted.body.contains("\"lastDay\":\"\(try #require(today.addingDays(29)).iso)\""))

                // then: patient A's application opens, read-only
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .ok)
                // not patient B's, not A's draft
                #expect(try await Self.get(api, "/api/v1/cases/\(caseB)", as: "si-seksjonsoverlege").0 == .forbidden)
                #expect(
                    try await Self.get(api, "/api/v1/cases/\(draftA)", as: "si-seksjonsoverlege").0 == .forbidden)
                // no action, no edit under a grant
                let version = try await Self.caseVersion(app, caseA)
                for action in ["assess", "withdraw", "return_to_applicant", "request_information"] {
                    let acted = try await api.act(
                        action, on: caseA, version: version, as: "si-seksjonsoverlege",
                        fields: APIClient.recommendApproval.merging(["comment": "Forsøk"]) { a, _ in a })
                    #expect(acted.status == .forbidden, "\(action): \(acted.body)")
                }
                try await app.testing().test(
                    .PUT, "/api/v1/cases/\(caseA)",
                    headers: api.headers(try await api.token("si-seksjonsoverlege"), version: version),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in #expect(res.status == .forbidden) }
                // the grant's case list names A only
                let (listed, casesBody) = try await Self.get(
                    api, "/api/v1/access-requests/\(request)/cases", as: "si-seksjonsoverlege")
                #expect(listed == .ok)
                #expect(casesBody.contains(caseA) && !casesBody.contains(caseB) && !casesBody.contains(draftA))
                // nobody else reads under it
                #expect(
                    try await Self.get(api, "/api/v1/access-requests/\(request)/cases", as: "si-lege").0 == .notFound)

                // and the audit log: the request, the grant, the read naming the grant; never the number
                let rows = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
                let key = app.auditLog.patientKey(for: try #require(NationalIdentityNumber(patientA)))
                #expect(
                    rows.contains {
                        $0.action == "access.request" && $0.patientKey == key && $0.actorID == "si-seksjonsoverlege"
                    })
                #expect(
                    rows.contains {
                        $0.action == "access.grant" && $0.patientKey == key && $0.actorID == "si-avdelingsleder"
                            && $0.detail.contains("request=\(request)")
                    })
                let reads = rows.filter { $0.action == "case.read" && $0.actorID == "si-seksjonsoverlege" }
                #expect(reads.count == 1)
                #expect(reads.first?.detail == "grant=\(request)")
                #expect(!rows.contains { $0.detail.contains(patientA) || $0.detail.contains(patientB) })
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: rows.count))
                // the number itself is not stored with the request
                let stored = try #require(try await AccessRequestModel.find(UUID(uuidString: request), on: app.db))
                #expect(stored.patientKey == key)

                // the access log shows the request and grant, and the read under it
                let log = try await Self.post(
                    api, "/api/v1/audit/patient-access", as: "si-admin", ["patientNIN": patientA])
                #expect(log.status == .ok)
                #expect(log.body.contains("\"action\":\"access.grant\""))
                #expect(log.body.contains("\"accessRequest\":\"\(request)\""))
            }
        }

        static func caseVersion(_ app: Application, _ id: String) async throws -> Int {
            try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db)?.version)
        }

        @Test func aGrantEndsWithItsPeriodAndWhenRevoked() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let caseA = try await Self.submittedCase(api, as: "si-lege", nin: APIClient.patientNIN)
                let first = try await Self.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
                // more than the maximum is refused naming the field; the default is 30 days
                let tooLong = try await Self.post(
                    api, "/api/v1/access-requests/\(first)/grant", as: "si-avdelingsleder", ["days": 91])
                #expect(tooLong.status == .unprocessableEntity && tooLong.body.contains("days"))
                let two = try await Self.post(
                    api, "/api/v1/access-requests/\(first)/grant", as: "si-avdelingsleder", ["days": 2])
                #expect(two.status == .ok, "\(two.body)")
                // granted twice: 409
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(first)/grant", as: "si-avdelingsleder").status
                        == .conflict)
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .ok)
                // the next day still; the day after the period not
                let start = app.clock.now
                app.clock.set(start.addingTimeInterval(24 * 3600))
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .ok)
                app.clock.set(start.addingTimeInterval(2 * 24 * 3600))
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .forbidden)
                #expect(
                    try await Self.get(api, "/api/v1/access-requests/\(first)/cases", as: "si-seksjonsoverlege").0
                        == .forbidden)

                // a new grant, revoked by the head: refused from then on
                let second = try await Self.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
                let defaultGrant = try await Self.post(
                    api, "/api/v1/access-requests/\(second)/grant", as: "si-avdelingsleder")
                #expect(defaultGrant.status == .ok)
                #expect(defaultGrant.body.contains(try #require(app.clock.today.addingDays(29)).iso))
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .ok)
                // the requester cannot revoke (nor otherwise decide) it
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(second)/revoke", as: "si-seksjonsoverlege")
                        .status == .forbidden)
                let revoked = try await Self.post(
                    api, "/api/v1/access-requests/\(second)/revoke", as: "si-avdelingsleder",
                    ["reason": "Pasienten er ikke lenger under behandling hos deg; tilgangen avsluttes."])
                #expect(revoked.status == .ok && revoked.body.contains("\"state\":\"revoked\""))
                #expect(try await Self.get(api, "/api/v1/cases/\(caseA)", as: "si-seksjonsoverlege").0 == .forbidden)
                let rows = try await AuditEntryModel.query(on: app.db).filter(\.$action == "access.revoke").all()
                #expect(rows.count == 1 && rows.first?.detail == "request=\(second)")
            }
        }

        @Test func whoMayAskAndWhoMayDecide() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // asking: prescribing roles with a department only, and the fields are checked
                let bad = try await Self.post(
                    api, "/api/v1/access-requests", as: "si-lege", ["patientNIN": "12345678901", "reason": "  "])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.contains("patientNIN") && bad.body.contains("reason"))
                for username in ["si-komite", "si-divisjonsdirektor", "si-admin", "fastlege"] {
                    let refused = try await Self.post(
                        api, "/api/v1/access-requests", as: username,
                        ["patientNIN": APIClient.patientNIN, "reason": "Trenger å se"])
                    #expect(refused.status == .forbidden, "\(username)")
                }
                // a colleague from another trust cannot be named
                let hbLege = try await Self.userID(app, "hb-lege")
                let foreign = try await Self.post(
                    api, "/api/v1/access-requests", as: "si-lege",
                    ["patientNIN": APIClient.patientNIN, "reason": "Trenger å se", "colleagueId": hbLege.uuidString])
                #expect(foreign.status == .unprocessableEntity && foreign.body.contains("colleagueId"))

                // deciding: a department head asks; nobody grants their own
                let own = try await Self.request(api, as: "si-avdelingsleder", nin: APIClient.patientNIN)
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(own)/grant", as: "si-avdelingsleder").status
                        == .forbidden)
                let theirs = try await Self.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
                // the head of another trust, of another department of the same trust, a division director, the
                // requester: refused
                try await Self.addPerson(
                    app, "si-phv-leder", role: .departmentHead, department: "SI-PHV", hpr: "9100991")
                for username in [
                    "hb-avdelingsleder", "si-phv-leder", "si-divisjonsdirektor", "si-direktor", "si-seksjonsoverlege",
                    "si-lege",
                ] {
                    let refused = try await Self.post(
                        api, "/api/v1/access-requests/\(theirs)/grant", as: username, ["days": 90])
                    #expect(refused.status == .forbidden, "\(username): \(refused.body)")
                    let (_, lists) = try await Self.get(api, "/api/v1/access-requests", as: username)
                    #expect(!lists.contains("\"toDecide\":[{"), "\(username) sees nothing to decide")
                }
                // a refusal needs a reason
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(theirs)/refuse", as: "si-avdelingsleder")
                        .status == .unprocessableEntity)

                // the head's stand-in decides for them today, but not their own request even then
                let principal = try await Self.userID(app, "si-avdelingsleder")
                let standIn = SubstitutionModel()
                standIn.principalID = principal
                standIn.substituteID = try await Self.userID(app, "si-lege")
                standIn.fromDay = app.clock.today.iso
                standIn.toDay = app.clock.today.iso
                try await standIn.create(on: app.db)
                app.identityCache.removeAll()
                let lege = try await Self.request(api, as: "si-lege", nin: APIClient.otherPatientNIN)
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(lege)/grant", as: "si-lege").status
                        == .forbidden)
                // the head's own request stays out of the stand-in's reach too
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(own)/grant", as: "si-lege").status
                        == .forbidden)
                let byStandIn = try await Self.post(
                    api, "/api/v1/access-requests/\(theirs)/refuse", as: "si-lege",
                    ["reason": "Ikke nødvendig for behandlingen nå; spør igjen ved behov."])
                #expect(byStandIn.status == .ok, "\(byStandIn.body)")
                #expect(byStandIn.body.contains("\"onBehalfOf\":\"Anders Avdelingsleder (SI)\""))
                let refusal = try #require(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "access.refuse").first())
                #expect(refusal.actorID == "si-lege" && refusal.detail.contains("for=si-avdelingsleder"))
            }
        }

        @Test func aGrantDoesNotCarryACaseOnIntoAnExemptionApplication() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let caseID = try await DatabaseTests.AfterApprovalTests.approve(
                    api, medicine: "prednisolon-mikstur-in", indication: "J45.9")
                let request = try await Self.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(request)/grant", as: "si-avdelingsleder")
                        .status == .ok)
                #expect(try await Self.get(api, "/api/v1/cases/\(caseID)", as: "si-seksjonsoverlege").0 == .ok)
                let today = app.clock.today
                let prefilled = try await Self.post(
                    api, "/api/v1/exemptions", as: "si-seksjonsoverlege",
                    ["fromCaseId": caseID, "validFrom": today.iso, "validUntil": today.addingDays(30)?.iso ?? ""])
                #expect(prefilled.status == .forbidden, "\(prefilled.body)")
                #expect(try await ExemptionModel.query(on: app.db).count() == 0)
            }
        }

        @Test func aGrantOpensOnlyItsDepartmentAndItsColleague() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let nin = APIClient.patientNIN
                // given: the patient's applications by si-lege and by the department head (SI-MED), and by a
                // physician in another department of the same trust
                let byLege = try await Self.submittedCase(api, as: "si-lege", nin: nin)
                let byHead = try await Self.submittedCase(api, as: "si-avdelingsleder", nin: nin)
                try await Self.addPerson(app, "si-phv-lege", role: .physician, department: "SI-PHV", hpr: "9100992")
                let otherDepartment = try await Self.submittedCase(api, as: "si-phv-lege", nin: nin)
                // when: a grant for si-lege's applications only
                let request = try await Self.request(
                    api, as: "si-seksjonsoverlege", nin: nin, colleague: try await Self.userID(app, "si-lege"))
                #expect(
                    try await Self.post(api, "/api/v1/access-requests/\(request)/grant", as: "si-avdelingsleder")
                        .status == .ok)
                // then
                #expect(try await Self.get(api, "/api/v1/cases/\(byLege)", as: "si-seksjonsoverlege").0 == .ok)
                #expect(try await Self.get(api, "/api/v1/cases/\(byHead)", as: "si-seksjonsoverlege").0 == .forbidden)
                #expect(
                    try await Self.get(api, "/api/v1/cases/\(otherDepartment)", as: "si-seksjonsoverlege").0
                        == .forbidden)
                // the patient's cases as the EHR launch lists them: the same rule
                let cases = CaseService(
                    database: app.db, pathway: app.pathway(on: app.db), audit: app.auditLog, writes: app.caseWrites,
                    identity: app.identityCache, clock: app.clock)
                let reader = try AuthenticatedUser(
                    try #require(
                        try await UserModel.query(on: app.db).filter(\.$username == "si-seksjonsoverlege").first()))
                let listed = try await cases.casesOfPatient(try #require(NationalIdentityNumber(nin)), for: reader)
                #expect(listed.map(\.id.uuidString) == [byLege])
                #expect(
                    try await cases.casesOfPatient(
                        try #require(NationalIdentityNumber(APIClient.otherPatientNIN)), for: reader
                    ).isEmpty)
            }
        }
    }
}
