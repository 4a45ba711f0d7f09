import AsyncHTTPClient
import Fluent
import Foundation
import Logging
import NIOCore
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Review finding 10: at `LOG_LEVEL=trace` Vapor logged every request's head and body, so passwords, bearer
    /// tokens, session cookies and identity numbers reached the log (the bodies as hex, past scripts/check_logs.py).
    /// No level may log them, in any encoding.
    @Suite struct TraceLoggingLeakTests {
        /// Keeps every record a logger passes it, as the console would print it.
        final class Capture: LogHandler, @unchecked Sendable {
            var logLevel: Logger.Level = .trace
            var metadata: Logger.Metadata = [:]
            private let lock = NSLock()
            private var lines: [String] = []

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let all = metadata.merging(event.metadata ?? [:]) { $1 }
                let line = "[\(event.level)] \(event.source): \(event.message) \(all)"
                lock.withLock { lines.append(line) }
            }

            var text: String { lock.withLock { lines.joined(separator: "\n") } }
        }

        /// Counts the records that reach the filter carrying a request part: what the log would have held.
        final class RawCounter: LogHandler, @unchecked Sendable {
            var logLevel: Logger.Level = .trace
            var metadata: Logger.Metadata = [:]
            private let lock = NSLock()
            private var count = 0

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                if "\(event.message)".hasPrefix("Decoded HTTP part") { lock.withLock { count += 1 } }
            }

            var requestParts: Int { lock.withLock { count } }
        }

        /// A browser's requests to a real server, one at a time, redirects not followed.
        struct Client {
            let http: HTTPClient
            let base: String

            func send(
                _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil
            ) async throws -> (status: HTTPResponseStatus, headers: HTTPHeaders, body: String) {
                var request = HTTPClientRequest(url: base + path)
                request.method = method
                request.headers = headers
                if let body { request.body = .bytes(body) }
                let response = try await http.execute(request, timeout: .seconds(30))
                let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
                return (response.status, response.headers, String(buffer: bytes))
            }

            static func value(of name: String, in html: String) -> String? {
                guard let start = html.range(of: "name=\"\(name)\" value=\"")?.upperBound,
                    let end = html[start...].firstIndex(of: "\"")
                else { return nil }
                return String(html[start..<end])
            }

            static func sessionCookie(_ headers: HTTPHeaders) -> String? {
                headers.setCookie?["tilgang-session"]?.string
            }
        }

        @Test func recordsWithARequestHeadOrBodyAreDroppedAtEveryLevelAndCredentialsRedactedInTheRest() {
            // given: the filter in front of a capture
            let capture = Capture()
            let logger = Logger(label: "test") { _ in PatientSafeLogHandler(wrapping: capture) }
            let body = ByteBuffer(string: "password=tilgang-demo&patientNIN=\(APIClient.patientNIN)")
            let head = "HTTPRequestHead { method: GET, uri: \"/\", version: HTTP/1.1, headers: Cookie: s=1 }"

            // when: records with a request part, at every level, and records that name credentials
            for level in Logger.Level.allCases {
                logger.log(level: level, "Decoded HTTP part: body(\(body))", source: "Vapor")
                logger.log(level: level, "\(head)", source: "NIOHTTP1")
                logger.log(level: level, "read \(body)", source: "TilgangApp")
            }
            logger.info(
                "headers: Host: a; Authorization: Bearer t0ken-1234; Cookie: tilgang-session=abc; x=1; Accept: */*")
            logger.info("Set-Cookie: tilgang-session=def; Path=/; HttpOnly\nCookie: a=b")
            logger.info(#"{"Authorization": "Bearer t0ken-5678", "cookie": "tilgang-session=ghi"} ("Cookie", "jkl=1")"#)
            logger.info(
                "token Bearer t0ken-9012 sent",
                metadata: ["cookie": "tilgang-session=mno", "note": "bearer t0ken-3456"])
            logger.info("POST /saker", source: "Vapor")

            // then: no request part; the credentials are gone and the rest is as it was
            let log = capture.text
            #expect(!log.contains("Decoded HTTP part") && !log.contains("HTTPRequestHead") && !log.contains("bytes)"))
            for secret in ["t0ken", "tilgang-session=", "abc", "def", "jkl", "a=b"] {
                #expect(!log.contains(secret), "\(secret) in \(log)")
            }
            #expect(log.contains("headers: Host: a; Authorization: <redacted>; Cookie: <redacted>; Accept: */*"))
            #expect(log.contains("Set-Cookie: <redacted>") && log.contains(#""Authorization": "<redacted>""#))
            #expect(log.contains("token Bearer <redacted> sent") && log.contains("POST /saker"))
        }

        @Test func signingInAndPostingAFormWithAnIdentityNumberLeavesNoSecretInATraceLog() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the app's logger (Vapor's server logs with it) at trace, behind the filter, and a real server
                let capture = Capture()
                let raw = RawCounter()
                app.logger = Logger(label: "codes.vapor.application") { _ in
                    MultiplexLogHandler([raw, PatientSafeLogHandler(wrapping: capture)])
                }
                app.logger.logLevel = .trace
                try await app.asyncBoot()
                try await app.server.start(address: .hostname("127.0.0.1", port: 0))
                let http = HTTPClient(
                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                    configuration: .init(redirectConfiguration: .disallow))
                var secrets: [String: String] = [
                    "password": DemoPeople.password, "identity number": APIClient.patientNIN,
                ]
                do {
                    let port = try #require(app.http.server.shared.localAddress?.port)
                    let client = Client(http: http, base: "http://127.0.0.1:\(port)")

                    // when: a person signs in with the form and posts an exemption with an identity number, and a
                    // client takes a bearer token with the password and uses it
                    let loginPage = try await client.send(.GET, "/logg-inn")
                    let anonymous = try #require(Client.sessionCookie(loginPage.headers))
                    var form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                    form.cookie = ["tilgang-session": .init(string: anonymous)]
                    let signIn = [
                        "username": "fastlege", "password": DemoPeople.password,
                        "csrf": try #require(Client.value(of: "csrf", in: loginPage.body)),
                    ]
                    let signedIn = try await client.send(
                        .POST, "/logg-inn", headers: form, body: AuthTests.post(signIn))
                    #expect(signedIn.status == .seeOther)
                    let session = Client.sessionCookie(signedIn.headers) ?? anonymous
                    form.cookie = ["tilgang-session": .init(string: session)]
                    let applyPage = try await client.send(.GET, "/fritak/ny", headers: form)
                    #expect(applyPage.status == .ok)
                    let today = app.clock.today
                    let exemption = [
                        "csrf": try #require(Client.value(of: "csrf", in: applyPage.body)),
                        "applicantKind": "general_practitioner", "scope": "patient", "species": "human",
                        "patientNIN": APIClient.patientNIN, "informedConsent": "true",
                        "medicineId": "prednisolon-mikstur-in", "indication": "J45.9",
                        "justification": "Kan ikke svelge tabletter", "quantity": "3 flasker",
                        "validFrom": today.norwegian, "validUntil": today.addingDays(60)?.norwegian ?? "",
                        "patientsStudied": "",
                    ]
                    let applied = try await client.send(
                        .POST, "/fritak", headers: form, body: AuthTests.post(exemption))
                    #expect(applied.status == .seeOther, "\(applied.body.prefix(300))")
                    let credentials = try Fixtures.json(["username": "fastlege", "password": DemoPeople.password])
                    let issued = try await client.send(
                        .POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"], body: credentials)
                    #expect(issued.status == .ok)
                    let answer = try JSONSerialization.jsonObject(with: Data(issued.body.utf8)) as? [String: Any]
                    let token = try #require(answer?["token"] as? String)
                    let me = try await client.send(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"])
                    #expect(me.status == .ok)
                    secrets["bearer token"] = token
                    secrets["session cookie"] = anonymous
                    secrets["signed-in session cookie"] = session
                } catch {
                    try? await http.shutdown()
                    await app.server.shutdown()
                    throw error
                }
                try await http.shutdown()
                await app.server.shutdown()

                // then: the requests passed the filter at trace with their heads and bodies, the log shows them
                // and holds none of the secrets, plain, percent-, hex- or base64-encoded
                let log = capture.text
                #expect(raw.requestParts >= 10)
                #expect(
                    log.contains("POST /logg-inn") && log.contains("POST /fritak") && log.contains("GET /api/v1/me"))
                #expect(try await ExemptionModel.query(on: app.db).count() == 1)
                for (name, secret) in secrets {
                    let found = LeakScan.encodings(holding: secret, in: log)
                    #expect(found.isEmpty, "the log holds the \(name) (\(found.joined(separator: ", ")))")
                }
            }
        }
    }
}

/// Looks for a secret in a log as it is, percent-encoded, and inside every hex or base64 run of it decoded.
enum LeakScan {
    static func encodings(holding secret: String, in log: String) -> [String] {
        var found: [String] = []
        if log.contains(secret) { found.append("plain") }
        if log.removingPercentEncoding?.contains(secret) == true { found.append("percent-encoded") }
        if hexRuns(in: log).contains(where: { $0.contains(secret) }) { found.append("hex") }
        if base64Runs(in: log).contains(where: { $0.contains(secret) }) { found.append("base64") }
        return found
    }

    /// Runs of hex digit pairs, together (`74696c`) or apart (`74 69 6c`), decoded from either offset.
    static func hexRuns(in log: String) -> [String] {
        let run = /(?:[0-9A-Fa-f]{2}[ :]?){4,}[0-9A-Fa-f]?/
        return log.matches(of: run).flatMap { match -> [String] in
            let digits = Array(match.output.filter(\.isHexDigit))
            return [0, 1].map { offset in
                let bytes = stride(from: offset, to: digits.count - 1, by: 2).compactMap {
                    UInt8(String(digits[$0...$0 + 1]), radix: 16)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// Runs of base64 (standard or URL-safe alphabet), decoded from each of the four offsets.
    static func base64Runs(in log: String) -> [String] {
        let run = /[A-Za-z0-9+\/_-]{8,}={0,2}/
        return log.matches(of: run).flatMap { match -> [String] in
            let text = String(match.output).replacingOccurrences(of: "-", with: "+")
                .replacingOccurrences(of: "_", with: "/").replacingOccurrences(of: "=", with: "")
            return (0..<4).compactMap { offset -> String? in
                let shifted = text.dropFirst(offset)
                let whole = shifted.prefix(shifted.count / 4 * 4)
                guard let data = Data(base64Encoded: String(whole)) else { return nil }
                return String(decoding: data, as: UTF8.self)
            }
        }
    }
}
