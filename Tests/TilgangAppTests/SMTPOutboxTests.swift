import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

/// The SMTP client and the outbox against a real SMTP server (aiosmtpd, `scripts/smtp_sink.py`).
extension DatabaseTests {
    @Suite struct SMTPOutboxTests {
        static let from = "tilgang@si.example.no"

        @Test func theClientSendsUTF8SubjectCRLFAndDotStuffedLines() async throws {
            let sink = try SMTPSink(port: 18311)
            defer { sink.stop() }
            // given a subject long enough to fold and lines a bare server would read as the end of the message
            let subject = "Tilgang: sak SI-2026-000123 – søknaden er sendt inn; Ærlig talt, øvrige å-er følger"
            let lines = ["Første linje", ".skjult bak en prikk", ".", "..to prikker", "Siste linje med æøå"]
            let message = MailMessage(
                from: Self.from, to: "si-avdelingsleder@si.example.no", subject: subject,
                body: lines.joined(separator: "\n"), date: Date(timeIntervalSince1970: 1_790_000_000))
            // when
            try await SMTPClient(host: "127.0.0.1", port: sink.port).send(message)
            // then the server got it whole: envelope, decoded subject, and every line as written
            let received = try sink.messages()
            #expect(received.count == 1)
            let mail = try #require(received.first)
            #expect(mail.from == Self.from && mail.to == ["si-avdelingsleder@si.example.no"])
            #expect(mail.header("Subject") == subject)
            #expect(mail.raw.contains("Subject: =?UTF-8?B?"))
            #expect(mail.header("Content-Type") == "text/plain; charset=UTF-8")
            #expect(Array(mail.bodyLines.prefix(lines.count)) == lines)
            // and nothing but CRLF ends a line
            #expect(!mail.raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        }

        @Test func aRefusingServerIsTriedAgainLaterAndARejectedAddressFails() async throws {
            try await withTilgangApp { app in
                let sink = try SMTPSink(port: 18312, refuseFirst: 1, reject: ["ukjent@si.example.no"])
                defer { sink.stop() }
                // given two mails, one to an address the server does not know
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                let good = try await Self.queue(app, to: "si-lege@si.example.no", at: now)
                let bad = try await Self.queue(app, to: "ukjent@si.example.no", at: now)
                let sender = Self.sender(app, port: sink.port)
                // when the server first answers 451 to one and 550 to the other
                let first = try await sender.runOnce(now: now)
                // then the refused mail waits 30 s and the rejected one has failed for good
                #expect(first == .init(sent: 0, retried: 1, failed: 1))
                let waiting = try #require(try await OutboxMailModel.find(good, on: app.db))
                #expect(waiting.status == "pending" && waiting.attempts == 1 && waiting.claimToken == nil)
                #expect(waiting.nextAttemptAt == now.addingTimeInterval(30))
                #expect(waiting.lastError?.contains("451") == true)
                let failed = try #require(try await OutboxMailModel.find(bad, on: app.db))
                #expect(failed.status == "failed" && failed.lastError?.contains("550") == true)
                // nothing is due before the backoff has passed
                #expect(try await sender.runOnce(now: now.addingTimeInterval(10)) == .init())
                // after it, the mail goes, once
                #expect(try await sender.runOnce(now: now.addingTimeInterval(31)) == .init(sent: 1))
                #expect(try await sender.runOnce(now: now.addingTimeInterval(120)) == .init())
                let sent = try #require(try await OutboxMailModel.find(good, on: app.db))
                #expect(sent.status == "sent" && sent.sentAt != nil)
                #expect(try sink.messages().map(\.to) == [["si-lege@si.example.no"]])
            }
        }

        @Test func noServerMeansTryAgainWithALongerWaitEachTime() async throws {
            try await withTilgangApp { app in
                // given no server on the port
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                let id = try await Self.queue(app, to: "si-lege@si.example.no", at: now)
                let sender = Self.sender(app, port: 18313)
                // when tried twice
                #expect(try await sender.runOnce(now: now) == .init(retried: 1))
                #expect(try await sender.runOnce(now: now.addingTimeInterval(30)) == .init(retried: 1))
                // then the wait doubled
                let mail = try #require(try await OutboxMailModel.find(id, on: app.db))
                #expect(mail.attempts == 2 && mail.nextAttemptAt == now.addingTimeInterval(30 + 60))
                #expect(OutboxSender.backoff(afterAttempts: 20) == 3600)
            }
        }

        @Test func twoSendersOnOneDatabaseSendEachMailOnce() async throws {
            try await withTilgangApp { app in
                let sink = try SMTPSink(port: 18314)
                defer { sink.stop() }
                // given twelve mails
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                for index in 0..<12 { _ = try await Self.queue(app, to: "lege\(index)@si.example.no", at: now) }
                // when two servers' senders run at once
                var one = Self.sender(app, port: sink.port)
                one.batchSize = 12
                var two = Self.sender(app, port: sink.port)
                two.batchSize = 12
                async let first = one.runOnce(now: now)
                async let second = two.runOnce(now: now)
                let outcomes = try await [first, second]
                // then every mail went exactly once
                #expect(outcomes.map(\.sent).reduce(0, +) == 12)
                let received = try sink.messages().flatMap(\.to)
                #expect(received.count == 12 && Set(received).count == 12)
                #expect(
                    try await OutboxMailModel.query(on: app.db).filter(\.$status == "sent").count() == 12)
            }
        }

        @Test func aClaimLeftBySenderThatDiedIsSentLater() async throws {
            try await withTilgangApp { app in
                let sink = try SMTPSink(port: 18315)
                defer { sink.stop() }
                // given a mail claimed by a server that died before sending it
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                let id = try await Self.queue(app, to: "si-lege@si.example.no", at: now)
                let mail = try #require(try await OutboxMailModel.find(id, on: app.db))
                mail.status = "sending"
                mail.claimToken = UUID()
                mail.claimedAt = now
                try await mail.save(on: app.db)
                let sender = Self.sender(app, port: sink.port)
                // then it is not sent while the claim may still be alive, and sent once it has lapsed
                #expect(try await sender.runOnce(now: now.addingTimeInterval(60)) == .init())
                #expect(try await sender.runOnce(now: now.addingTimeInterval(601)) == .init(sent: 1))
                #expect(try sink.messages().count == 1)
            }
        }

        @Test func finishedMailsAreDeletedAfterTheirTimeAndNothingElse() async throws {
            try await withTilgangApp { app in
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                let day: TimeInterval = 24 * 3600
                // given sent, failed and pending mails of several ages
                var expectedLeft: Set<UUID> = []
                for (status, age, kept) in [
                    ("sent", 31 * day, false), ("sent", 29 * day, true), ("failed", 91 * day, false),
                    ("failed", 89 * day, true), ("pending", 400 * day, true), ("sending", 400 * day, true),
                ] {
                    let id = try await Self.queue(app, to: "si-lege@si.example.no", at: now.addingTimeInterval(-age))
                    let mail = try #require(try await OutboxMailModel.find(id, on: app.db))
                    mail.status = status
                    if status == "sent" { mail.sentAt = now.addingTimeInterval(-age) }
                    try await mail.save(on: app.db)
                    if kept { expectedLeft.insert(id) }
                }
                // when the cleanup runs, with a batch smaller than what is due
                let cleanup = OutboxCleanup(database: app.db, batchSize: 1)
                #expect(try await cleanup.run(now: now) == 1)
                #expect(try await cleanup.run(now: now) == 1)
                #expect(try await cleanup.run(now: now) == 0)
                // then only the old finished ones are gone
                let left = Set(try await OutboxMailModel.query(on: app.db).all(\.$id))
                #expect(left == expectedLeft)
            }
        }

        static func queue(_ app: Application, to recipient: String, at date: Date) async throws -> UUID {
            let mail = OutboxMailModel(
                noticeID: nil, recipient: recipient, subject: "Tilgang: sak SI-2026-000001 – søknaden er sendt inn",
                body: "Sak SI-2026-000001: Søknaden er sendt inn.", linkPath: "/saker/\(UUID().uuidString)", at: date)
            try await mail.create(on: app.db)
            return try mail.requireID()
        }

        static func sender(_ app: Application, port: Int) -> OutboxSender {
            OutboxSender(
                database: app.db,
                settings: MailSettings(smtpHost: "127.0.0.1", smtpPort: port, from: from, publicURL: "http://tilgang"),
                client: SMTPClient(host: "127.0.0.1", port: port))
        }
    }
}
