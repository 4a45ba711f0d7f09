import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Issue 18, an attacker's eye on the desk: search boxes do not echo control or bidi characters from a link,
    /// and the FEST upload's CSRF token never travels in a URL.
    @Suite struct DeskSecurityTests {
        @Test func searchBoxesDoNotEchoControlOrBidiCharacters() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    let officer = RealServerSession(port: port)
                    #expect(try officer.signIn("dmp-saksbehandler", password: DemoPeople.password).status == 303)
                    // a link with NUL, a right-to-left override and an isolate in the search text
                    let query = "q=prednisolon%00%E2%80%AEgnalsva%E2%81%A6&status=%00submitted&fra=%E2%80%AE01.01.2026"
                    for path in ["/fritak?liste=all&\(query)", "/ordning?\(query)"] {
                        let page = try officer.get(path)
                        #expect(page.status == 200, "\(path): \(page.status)")
                        for forbidden in ["\u{0}", "\u{202E}", "\u{2066}", "&#0;", "&#x0;"] {
                            #expect(!page.body.contains(forbidden), "\(path) echoes \(forbidden.unicodeScalars.first!)")
                        }
                        #expect(page.body.contains("prednisolongnalsva"), "the rest of the search is kept")
                    }
                    let trust = RealServerSession(port: port)
                    #expect(try trust.signIn("si-lege", password: DemoPeople.password).status == 303)
                    let cases = try trust.get("/saker?\(query)")
                    #expect(cases.status == 200)
                    #expect(!cases.body.contains("\u{0}") && !cases.body.contains("\u{202E}"))
                }
            }
        }

        static func multipart(_ parts: [(name: String, fileName: String?, body: String)], boundary: String) -> [UInt8] {
            var text = ""
            for part in parts {
                text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
                if let fileName = part.fileName { text += "; filename=\"\(fileName)\"\r\nContent-Type: text/xml" }
                text += "\r\n\r\n\(part.body)\r\n"
            }
            return Array((text + "--\(boundary)--\r\n").utf8)
        }

        @Test func theFESTUploadsTokenIsAFormFieldNeverInTheURL() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.withRealServer { port in
                    let admin = RealServerSession(port: port)
                    #expect(try admin.signIn("si-admin", password: DemoPeople.password).status == 303)
                    let page = try admin.get("/admin/fest").body
                    #expect(!page.contains("fest?csrf="), "the form's action carries no token")
                    #expect(page.contains(#"action="/admin/fest""#))
                    let token = try admin.csrf(on: "/admin/fest")
                    let xml = "<?xml version=\"1.0\"?><FEST></FEST>"
                    let boundary = "tilgang-\(UUID().uuidString)"
                    func upload(
                        _ parts: [(name: String, fileName: String?, body: String)], path: String = "/admin/fest"
                    )
                        throws -> RawHTTPClient.Response
                    {
                        try admin.client.send(
                            "POST", path,
                            headers: [
                                ("Cookie", "tilgang-session=\(admin.cookie ?? "")"),
                                ("Content-Type", "multipart/form-data; boundary=\(boundary)"),
                            ], body: Self.multipart(parts, boundary: boundary))
                    }
                    // without the token, with a wrong one, or with the token only in the URL: refused
                    #expect(try upload([("fest", "fest.xml", xml)]).status == 403)
                    #expect(try upload([("csrf", nil, "feil"), ("fest", "fest.xml", xml)]).status == 403)
                    #expect(try upload([("fest", "fest.xml", xml)], path: "/admin/fest?csrf=\(token)").status == 403)
                    // the token after the file is too late: nothing unchecked is written
                    #expect(try upload([("fest", "fest.xml", xml), ("csrf", nil, token)]).status == 403)
                    // the hidden field before the file is accepted and the job starts
                    let accepted = try upload([("csrf", nil, token), ("fest", "fest.xml", xml)])
                    #expect(accepted.status == 303, "\(accepted.status): \(accepted.body.prefix(200))")
                    #expect(accepted.header("Location")?.contains("/admin/fest/jobb/") == true)
                    #expect(accepted.header("Location")?.contains(token) == false)
                }
            }
        }
    }
}
