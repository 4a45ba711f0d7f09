import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Chain v2 through the app (issue 17): every step records what it thinks and may say no, the committee names
    /// who took part, a returned application is amended with the changes kept, a refused one is revised into a new
    /// linked application, and the work lists show enough to tell cases apart without the identity number.
    @Suite struct ChainV2Tests {
        static let longText = String(
            repeating: "Pasienten har hatt tre attakker siste år; MR viser nye lesjoner. Nytte og risiko er drøftet "
                + "med pasienten og pårørende – særlig ørepåvirkning og blødningsfare. ", count: 20
        ).trimmingCharacters(in: .whitespaces)

        func userID(_ app: Application, _ username: String) async throws -> String {
            try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first()).requireID()
                .uuidString
        }

        func caseJSON(_ app: Application, _ api: APIClient, _ id: String, as username: String) async throws -> CaseDTO {
            var dto: CaseDTO?
            try await app.testing().test(
                .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token(username))
            ) {
                res in dto = try res.content.decode(CaseDTO.self)
            }
            return try #require(dto)
        }

        @Test func everyStepsAssessmentReachesTheDirectorAndTheCommitteeNamesItsMembers() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given a submitted case
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                var v = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                // when the department head recommends refusal with 2,800 characters of reasons
                let head = try await api.act(
                    "assess", on: id, version: v, as: "si-avdelingsleder",
                    fields: ["assessmentKind": "recommend_refusal", "assessment": Self.longText])
                #expect(head.status == .ok, "\(head.body)")
                v = head.version
                v = try await api.act(
                    "assess", on: id, version: v, as: "si-divisjonsdirektor",
                    fields: APIClient.priority(benefit: Self.longText, resourceUse: "Høy", severity: "Alvorlig")
                ).version
                // a committee member may not name the pharmacist (not on the committee)
                let outsider = try await api.act(
                    "assess", on: id, version: v, as: "si-komite",
                    fields: [
                        "assessmentKind": "recommend_approval", "assessment": "Anbefales",
                        "members": [try await userID(app, "si-farmasoyt")],
                    ])
                #expect(outsider.status == .unprocessableEntity)
                #expect(outsider.body.contains("vurderingskomiteen"))
                // but names the other member
                let committee = try await api.act(
                    "assess", on: id, version: v, as: "si-komite",
                    fields: [
                        "assessmentKind": "recommend_approval", "assessment": Self.longText,
                        "members": [try await userID(app, "si-komite2")],
                    ])
                #expect(committee.status == .ok, "\(committee.body)")
                // then the director's page shows every assessment above the decision
                let dto = try await caseJSON(app, api, id, as: "si-direktor")
                #expect(dto.state == "director_decision")
                let kinds = dto.transitions.compactMap(\.assessmentKind)
                #expect(kinds == ["recommend_refusal", "recommend_approval", "recommend_approval"])
                let members = try #require(dto.transitions.last?.members)
                #expect(Set(members) == ["Kari Komité (SI)", "Kåre Komitémedlem (SI)"])
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-direktor")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/saker/\(id)", headers: headers) { res in
                    let page = res.body.string
                    #expect(page.contains("id=\"case-assessments\""))
                    #expect(page.contains("Anbefaler avslag"))
                    #expect(page.contains("Kåre Komitémedlem"))
                    #expect(!page.contains("recommend_refusal"))
                }
            }
        }

        @Test func aMemberWhoTookAnEarlierStepCannotTakePartInTheRecommendation() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let v = try await api.toCommittee(id, draftVersion: v1)
                // the applicant is no committee member either way; the domain refuses them by name, not by id
                let applicant = try await api.act(
                    "assess", on: id, version: v, as: "si-komite",
                    fields: [
                        "assessmentKind": "recommend_approval", "assessment": "Ok",
                        "members": [try await userID(app, "si-lege")],
                    ])
                #expect(applicant.status == .unprocessableEntity)
                #expect(!applicant.body.contains(try await userID(app, "si-lege")))
            }
        }

        @Test func aReturnedApplicationIsAmendedWithTheChangesInItsHistory() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given a case the department head returned
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                var v = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                let returned = try await api.act(
                    "return_to_applicant", on: id, version: v, as: "si-avdelingsleder",
                    fields: ["comment": "Beskriv effekten av tidligere behandling"])
                #expect(returned.status == .ok)
                v = returned.version
                var body = APIClient.draft()
                body["justification"] = Self.longText
                // when someone else tries to change it, and the applicant changes it from a stale version
                func put(_ username: String, version: Int) async throws -> (HTTPStatus, String) {
                    var result: (HTTPStatus, String) = (.ok, "")
                    try await app.testing().test(
                        .PUT, "/api/v1/cases/\(id)",
                        headers: api.headers(try await api.token(username), version: version),
                        body: try Fixtures.json(body)
                    ) { res in result = (res.status, res.body.string) }
                    return result
                }
                #expect(try await put("si-avdelingsleder", version: v).0 == .forbidden)
                #expect(try await put("si-lege", version: v - 1).0 == .conflict)
                let (status, text) = try await put("si-lege", version: v)
                // then the change is kept, before and after, on the history
                #expect(status == .ok, "\(text)")
                let dto = try await caseJSON(app, api, id, as: "si-lege")
                #expect(dto.justification == Self.longText)
                let amend = try #require(dto.transitions.last)
                #expect(amend.action == "amend" && amend.from == "returned_to_applicant" && amend.to == amend.from)
                let change = try #require(amend.amendments?.first)
                #expect(change.field == "justification" && change.after == Self.longText)
                #expect(change.before == "Aktiv MS med svikt på to godkjente behandlinger")
                // and sent again it starts at the department head; the audit chain holds
                let again = try await api.act("submit", on: id, version: dto.version, as: "si-lege")
                #expect(again.status == .ok)
                #expect(try await caseJSON(app, api, id, as: "si-lege").state == "department_review")
                let rows = try await AuditEntryModel.query(on: app.db).count()
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: rows))
            }
        }

        @Test func aDraftIsEditedWithoutHistoryAndASubmittedOneIsNot() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                var body = APIClient.draft()
                body["dosage"] = "500 mg x 2"
                try await app.testing().test(
                    .PUT, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-lege"), version: v1),
                    body: try Fixtures.json(body)
                ) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    let dto = try res.content.decode(CaseDTO.self)
                    #expect(dto.dosage == "500 mg x 2" && dto.transitions.isEmpty && dto.version == v1 + 1)
                }
                let submitted = try await api.act("submit", on: id, version: v1 + 1, as: "si-lege")
                try await app.testing().test(
                    .PUT, "/api/v1/cases/\(id)",
                    headers: api.headers(try await api.token("si-lege"), version: submitted.version),
                    body: try Fixtures.json(body)
                ) { res in #expect(res.status == .conflict) }
            }
        }

        @Test func aRefusedApplicationIsRevisedIntoANewLinkedDraftByItsApplicantOnly() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given a refused case
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                var v = try await api.toCommittee(id, draftVersion: v1)
                v = try await api.committeeRecommends(on: id, version: v, as: "si-komite").version
                let refused = try await api.act(
                    "refuse", on: id, version: v, as: "si-direktor", fields: ["comment": "Mangler dokumentasjon"])
                #expect(refused.status == .ok)
                // when someone else and then the applicant revise it
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/revisions",
                    headers: api.headers(try await api.token("si-avdelingsleder"))
                ) { res in #expect(res.status == .forbidden) }
                var revision: CaseDTO?
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/revisions", headers: api.headers(try await api.token("si-lege"))
                ) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    revision = try res.content.decode(CaseDTO.self)
                }
                // then a new draft carries the content and the link; the refused case stays refused
                let draft = try #require(revision)
                #expect(draft.state == "draft" && draft.revisesCaseId?.uuidString == id && draft.chainVersion == 2)
                #expect(draft.justification == "Aktiv MS med svikt på to godkjente behandlinger")
                #expect(try await caseJSON(app, api, id, as: "si-lege").state == "refused")
            }
        }

        @Test func workListsShowTheMaskedPatientApplicantAndWaitingSinceAndSort() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                app.clock.set(Date())
                let (first, f1) = try await api.createCase(as: "si-lege")
                _ = try await api.act("submit", on: first, version: f1, as: "si-lege")
                app.clock.set(app.clock.now.addingTimeInterval(3600))
                var other = APIClient.draft()
                other["patientNIN"] = APIClient.otherPatientNIN
                let (second, s1) = try await api.createCase(as: "si-lege", body: other)
                _ = try await api.act("submit", on: second, version: s1, as: "si-lege")
                for sort in ["newest", "waiting"] {
                    try await app.testing().test(
                        .GET, "/api/v1/cases?list=todo&sort=\(sort)",
                        headers: api.headers(try await api.token("si-avdelingsleder"))
                    ) { res in
                        let rows = try res.content.decode([CaseSummaryDTO].self)
                        #expect(rows.map(\.id.uuidString) == (sort == "waiting" ? [first, second] : [second, first]))
                        #expect(rows.allSatisfy { $0.applicantName == "Lise Lege (SI)" && $0.waitingSince != nil })
                        #expect(Set(rows.compactMap(\.patientBirthYear)) == [1985, 1971])
                        #expect(!res.body.string.contains(APIClient.patientNIN))
                    }
                }
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-avdelingsleder")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/saker?liste=todo&sorter=bogus", headers: headers) { res in
                    #expect(res.body.string.contains("Sorter"))
                }
                try await app.testing().test(.GET, "/saker?liste=todo&q=lise", headers: headers) { res in
                    #expect(res.body.string.contains("f. 1985") && res.body.string.contains("Lise Lege"))
                    #expect(!res.body.string.contains(APIClient.patientNIN))
                }
            }
        }

        @Test func aGroupSizeThatIsNoNumberIsNamedAtItsFieldAndNothingTypedIsLost() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let (cookie, csrf) = try await AuthTests.signIn(app, as: "si-lege")
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                let form = [
                    "csrf": csrf, "kind": "group", "patientTrust": "SI", "groupDescription": "Voksne med RRMS",
                    "groupSize": "tolv", "medicineId": "mabthera-500mg", "indication": "G35", "dosage": "1000 mg",
                    "treatmentDuration": "12 måneder", "justification": ChainV2Tests.longText, "alternatives": "Ingen",
                    "expectedBenefit": "Færre attakker", "costEstimate": "60 000 kr", "patientInformed": "on",
                ]
                try await app.testing().test(.POST, "/saker", headers: headers, body: AuthTests.post(form)) { res in
                    #expect(res.status == .unprocessableEntity)
                    let page = res.body.string
                    #expect(page.contains("id=\"groupSize-error\""))
                    #expect(page.contains("value=\"tolv\""))
                    #expect(page.contains("Pasienten har hatt tre attakker"))
                }
            }
        }

        @Test func theRoutePageKnowsASignedInUser() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-lege")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/ordning", headers: headers) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("Lise Lege") && !res.body.string.contains("id=\"nav-login\""))
                }
                try await app.testing().test(.GET, "/ordning") { res in
                    #expect(res.body.string.contains("id=\"nav-login\""))
                }
            }
        }
    }
}
