import Foundation
import Testing
import Vapor

/// A person at a browser against the real server: keeps the session cookie the server last set and reads each
/// form's CSRF token from the page, as a browser does.
final class RealServerSession {
    let client: RawHTTPClient
    private(set) var cookie: String?

    init(port: Int) { client = RawHTTPClient(port: port) }

    func get(_ path: String) throws -> RawHTTPClient.Response {
        remember(try client.send("GET", path, headers: cookieHeader))
    }

    func post(_ path: String, _ fields: [(String, String)], chunkSize: Int = 1000) throws -> RawHTTPClient.Response {
        remember(
            try client.send(
                "POST", path,
                headers: cookieHeader + [("Content-Type", "application/x-www-form-urlencoded")],
                body: RawHTTPClient.form(fields), chunkSize: chunkSize))
    }

    /// Any request with the session's cookie: a multipart upload, a download.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [], chunkSize: Int = 1000
    ) throws -> RawHTTPClient.Response {
        remember(try client.send(method, path, headers: cookieHeader + headers, body: body, chunkSize: chunkSize))
    }

    /// The `csrf` hidden field of the page at `path`.
    func csrf(on path: String) throws -> String {
        let html = try get(path).body
        let marker = #"name="csrf" value=""#
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    func signIn(_ username: String, password: String) throws -> RawHTTPClient.Response {
        let token = try csrf(on: "/logg-inn")
        return try post("/logg-inn", [("username", username), ("password", password), ("csrf", token)])
    }

    private var cookieHeader: [(String, String)] {
        cookie.map { [("Cookie", "tilgang-session=\($0)")] } ?? []
    }

    private func remember(_ response: RawHTTPClient.Response) -> RawHTTPClient.Response {
        for value in response.headers("Set-Cookie") where value.hasPrefix("tilgang-session=") {
            let pair = value.split(separator: ";")[0]
            let new = String(pair.dropFirst("tilgang-session=".count))
            cookie = new.isEmpty ? nil : new
        }
        return response
    }
}
