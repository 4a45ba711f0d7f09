import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// A plain HTTP/1.1 client over a POSIX socket that sends the request in small TCP writes with a pause between
/// them, as a slow network does. In-process tests hand Vapor the whole body at once; only a real server reading
/// real chunks shows what a middleware sees before the body is collected.
struct RawHTTPClient {
    let port: Int

    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: String
        /// The body as sent, for binary downloads (`body` is it decoded as UTF-8).
        var bodyBytes: [UInt8] = []

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        func headers(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
        }
    }

    /// Sends `method path` with `headers` and `body`, `chunkSize` bytes per write.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
        chunkSize: Int = 1000
    ) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Abort(.internalServerError, reason: "socket") }
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Abort(.internalServerError, reason: "connect") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            let written = bytes[offset..<end].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Abort(.internalServerError, reason: "write") }
            offset += written
            usleep(2000)
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return try Self.parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Abort(.badGateway, reason: "no response head") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        let headEnd = bytes.indices.first { bytes[$0...].starts(with: [13, 10, 13, 10]) } ?? bytes.count
        return Response(
            status: status, headers: headers, body: String(text[split.upperBound...]),
            bodyBytes: Array(bytes[min(bytes.count, headEnd + 4)...]))
    }

    /// A form body, percent-encoded as a browser sends it.
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = fields.map { name, value in
            let v = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return "\(name)=\(v)"
        }
        return Array(encoded.joined(separator: "&").utf8)
    }
}

extension Application {
    /// Runs `body` with the real HTTP server listening on a free loopback port, and stops the server after it.
    func withRealServer(_ body: (Int) async throws -> Void) async throws {
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = http.server.shared.localAddress?.port else {
                throw Abort(.internalServerError, reason: "no port")
            }
            try await body(port)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
