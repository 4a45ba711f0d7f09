import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

/// Issue 17, item 4: attachments on applications, through a real HTTP server for the page's multipart form.
extension DatabaseTests {
    @Suite struct AttachmentTests {
        /// A file name that names the patient, as people do: it may be listed and downloaded, never logged.
        static let fileName = "Blodprøver Ola Nordmann – æøå.pdf"

        @Test func theApplicantUploadsAFewMegabytesThroughThePageInChunksAndDownloadsThemIntact() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                let file = AttachmentFixtures.pdf(size: 3 * 1024 * 1024 + 17)
                try await app.withRealServer { port in
                    let session = RealServerSession(port: port)
                    #expect(try session.signIn("si-lege", password: DemoPeople.password).status == 303)
                    let page = "/saker/\(id)"
                    let shown = try session.get(page)
                    #expect(shown.body.contains("id=\"attachment-form\""))
                    #expect(shown.body.contains("id=\"no-attachments\""))
                    // when: the form is posted as a browser does, in 64 kB writes
                    let body = AttachmentFixtures.multipart(
                        csrf: try session.csrf(on: page), kind: "lab_results", fileName: Self.fileName,
                        contentType: "application/pdf", file: file)
                    let posted = try session.send(
                        "POST", "/saker/\(id)/vedlegg", headers: [("Content-Type", AttachmentFixtures.multipartType)],
                        body: body, chunkSize: 64 * 1024)
                    // then: stored, and listed on the case page with its kind and the step it was added at
                    #expect(posted.status == 303, "\(posted.body.prefix(400))")
                    let listed = try session.get(page)
                    #expect(listed.body.contains("Vedlegget er lagt til."))
                    #expect(listed.body.contains("Blodprøver Ola Nordmann – æøå.pdf"))
                    #expect(listed.body.contains("Laboratoriesvar"))
                    let stored = try #require(try await AttachmentModel.query(on: app.db).first())
                    #expect(stored.size == file.count && stored.caseState == "draft")
                    #expect(stored.sha256 == TextFormat.hex(SHA256.hash(data: Data(file))))
                    // and the download is the same bytes, as an attachment that no browser renders
                    let download = try session.send("GET", "/saker/\(id)/vedlegg/\(try stored.requireID())")
                    #expect(download.status == 200)
                    #expect(download.bodyBytes == file)
                    #expect(download.header("Content-Type") == "application/pdf")
                    #expect(download.header("X-Content-Type-Options") == "nosniff")
                    let disposition = try #require(download.header("Content-Disposition"))
                    #expect(disposition.hasPrefix("attachment;"))
                    #expect(disposition.contains("filename*=UTF-8''Blodpr%C3%B8ver%20Ola%20Nordmann"))
                }
                // and both are audited under the case number, without the file name
                let number = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db)).caseNumber
                let rows = try await AuditEntryModel.query(on: app.db).filter(\.$caseID == number).all()
                #expect(rows.contains { $0.action == "case.attachment.add" && $0.actorID == "si-lege" })
                #expect(rows.contains { $0.action == "case.attachment.download" && $0.actorID == "si-lege" })
                #expect(rows.allSatisfy { !$0.detail.contains("Nordmann") && !$0.detail.contains("Blodprøver") })
                #expect(
                    try await app.auditLog.verify(on: app.db)
                        == .intact(rows: try await AuditEntryModel.query(on: app.db).count()))
            }
        }

        @Test func aFileOverTheLimitOrOfTheWrongTypeIsNamedAtTheFieldAndTheFormKeepsItsChoice() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                try await app.withRealServer { port in
                    let session = RealServerSession(port: port)
                    _ = try session.signIn("si-lege", password: DemoPeople.password)
                    let page = "/saker/\(id)"
                    // 20 MB and one byte: over the limit, named at the field, the kind chosen kept
                    let big = AttachmentFixtures.multipart(
                        csrf: try session.csrf(on: page), kind: "consent", fileName: "samtykke.pdf",
                        contentType: "application/pdf",
                        file: AttachmentFixtures.pdf(size: AttachmentLimits.maxFileBytes + 1))
                    let refused = try session.send(
                        "POST", "/saker/\(id)/vedlegg", headers: [("Content-Type", AttachmentFixtures.multipartType)],
                        body: big, chunkSize: 256 * 1024)
                    #expect(refused.status == 422)
                    #expect(refused.body.contains("id=\"attachment-error\""))
                    #expect(refused.body.contains("Vedlegg: filen er for stor (20,1 MB; høyst 20 MB)"))
                    #expect(refused.body.contains(#"<option value="consent" selected>Samtykke</option>"#))
                    // a page (HTML) that calls itself a PDF
                    let html = AttachmentFixtures.multipart(
                        csrf: try session.csrf(on: page), kind: "literature", fileName: "artikkel.pdf",
                        contentType: "application/pdf", file: Array("<html><script>alert(1)</script></html>".utf8))
                    let wrong = try session.send(
                        "POST", "/saker/\(id)/vedlegg", headers: [("Content-Type", AttachmentFixtures.multipartType)],
                        body: html)
                    #expect(wrong.status == 422)
                    #expect(wrong.body.contains("Vedlegg: filtypen er ikke tillatt"))
                    // without the CSRF token: refused before anything is read into the case
                    let forged = AttachmentFixtures.multipart(
                        csrf: nil, kind: "literature", fileName: "a.pdf", contentType: "application/pdf",
                        file: AttachmentFixtures.pdf(size: 2000))
                    let noToken = try session.send(
                        "POST", "/saker/\(id)/vedlegg", headers: [("Content-Type", AttachmentFixtures.multipartType)],
                        body: forged)
                    #expect(noToken.status == 403)
                }
                #expect(try await AttachmentModel.query(on: app.db).count() == 0)
                // a body past the upload's limit is refused before it is read, naming the field
                let huge = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-lege", fileName: "stor.pdf", contentType: "application/pdf",
                    file: AttachmentFixtures.pdf(size: AttachmentLimits.maxBodyBytes + 1))
                #expect(huge.status == .payloadTooLarge)
                #expect(huge.body.contains("Vedlegg"))
                // an executable declared as anything is refused
                let exe = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-lege", fileName: "lab.txt", contentType: "application/octet-stream",
                    file: [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])
                #expect(exe.status == .unprocessableEntity)
                #expect(exe.body.contains("\"field\":\"attachment\""))
                #expect(try await AttachmentModel.query(on: app.db).count() == 0)
            }
        }

        @Test func whoMayAddAndWhoMayReadFollowTheCase() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // a department head of another department of the same trust
                let other = UserModel(
                    username: "si-kir-avdelingsleder", displayName: "Kirsten Kirurg", passwordHash: "x",
                    role: Role.departmentHead.rawValue, organisation: "SI", departmentCode: "SI-KIR",
                    hprNumber: "9100999")
                try await other.create(on: app.db)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let pdf = AttachmentFixtures.pdf(size: 4000)
                // a draft is the applicant's alone: the department head may not even see it
                let early = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-avdelingsleder", fileName: "x.pdf", contentType: "application/pdf",
                    file: pdf)
                #expect(early.status == .forbidden)
                let added = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-lege", fileName: "samtykke.pdf", contentType: "application/pdf",
                    kind: "consent", file: pdf)
                #expect(added.status == .created, "\(added.body)")
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let attachmentID = try decoder.decode(AttachmentDTO.self, from: Data(added.body.utf8)).id
                let v = try await AttachmentFixtures.toCommittee(api, id, version: v1)
                // at the committee: the applicant may no longer add, the committee may (literature)
                let late = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-lege", fileName: "y.pdf", contentType: "application/pdf", file: pdf)
                #expect(late.status == .forbidden)
                let literature = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-komite", fileName: "studie.png", contentType: "image/png",
                    file: AttachmentFixtures.png)
                #expect(literature.status == .created, "\(literature.body)")
                // the department head who already acted reads, but may not add: the step is not theirs any more
                let done = try await AttachmentFixtures.upload(
                    api, caseID: id, as: "si-avdelingsleder", fileName: "z.pdf", contentType: "application/pdf",
                    file: pdf)
                #expect(done.status == .forbidden)
                // someone of another department, or another trust, reads nothing: list, file or upload
                for outsider in ["si-kir-avdelingsleder", "hb-avdelingsleder", "hb-komite"] {
                    let token = try await api.token(outsider)
                    try await app.testing().test(.GET, "/api/v1/cases/\(id)/attachments", headers: api.headers(token)) {
                        #expect($0.status == .forbidden, "\(outsider)")
                    }
                    try await app.testing().test(
                        .GET, "/api/v1/cases/\(id)/attachments/\(attachmentID)", headers: api.headers(token)
                    ) {
                        #expect($0.status == .forbidden, "\(outsider)")
                        #expect(!$0.body.string.contains("%PDF"))
                    }
                    let upload = try await AttachmentFixtures.upload(
                        api, caseID: id, as: outsider, fileName: "x.pdf", contentType: "application/pdf", file: pdf)
                    #expect(upload.status == .forbidden, "\(outsider)")
                }
                // an attachment id asked for under another case is not found, even by someone who may read both
                let (otherCase, _) = try await api.createCase(as: "si-lege")
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(otherCase)/attachments/\(attachmentID)",
                    headers: api.headers(try await api.token("si-lege"))
                ) { #expect($0.status == .notFound) }
                // the readers see both, oldest first, with the state each was added at
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)/attachments",
                    headers: api.headers(try await api.token("si-divisjonsdirektor"))
                ) { res in
                    #expect(res.status == .ok)
                    let list = try res.content.decode([AttachmentDTO].self)
                    #expect(list.map(\.kind) == ["consent", "literature"])
                    #expect(list.map(\.caseState) == ["draft", "committee_review"])
                    #expect(list.map(\.contentType) == ["application/pdf", "image/png"])
                }
                #expect(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.attachment.list").count() == 1
                )
                _ = v
            }
        }

        @Test func theAPITakesTheFormsMultipartTooAndRefusesABrokenOne() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                var headers = api.headers(try await api.token("si-lege"))
                headers.replaceOrAdd(name: .contentType, value: AttachmentFixtures.multipartType)
                let text = Array("Hb 13,2 g/dL – CRP < 5\nBlodprøver tatt 02.11.2026\n".utf8)
                let body = AttachmentFixtures.multipart(
                    csrf: nil, kind: "lab_results", fileName: "lab.txt", contentType: "text/plain", file: text)
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/attachments", headers: headers, body: ByteBuffer(bytes: body)
                ) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    #expect(res.body.string.contains(#""kind":"lab_results""#))
                    #expect(res.body.string.contains(#""contentType":"text\/plain; charset=utf-8""#))
                }
                let stored = try #require(try await AttachmentModel.query(on: app.db).first())
                #expect(Array(stored.data) == text)
                // a body cut off before its closing boundary
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/attachments", headers: headers,
                    body: ByteBuffer(bytes: body.dropLast(40))
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains(#""field":"attachment""#))
                }
            }
        }

        @Test func retentionPurgeDeletesTheAttachmentsOfAPurgedCase() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let (keep, _) = try await api.createCase(as: "si-lege")
                for caseID in [id, keep] {
                    let added = try await AttachmentFixtures.upload(
                        api, caseID: caseID, as: "si-lege", fileName: "samtykke.pdf", contentType: "application/pdf",
                        kind: "consent", file: AttachmentFixtures.pdf(size: 5000))
                    #expect(added.status == .created)
                }
                let v = try await AttachmentFixtures.toCommittee(api, id, version: v1)
                try await AttachmentFixtures.decide(api, id, version: v)
                let today = app.clock.today
                let result = try await RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                    .run(today: CalendarDate(year: today.year + 11, month: 12, day: 31)!)
                #expect(result.purged.count == 1)
                let left = try await AttachmentModel.query(on: app.db).all()
                // the decided case's file is gone; the open case keeps its own
                #expect(left.map(\.caseID) == [try #require(UUID(uuidString: keep))])
            }
        }
    }
}
