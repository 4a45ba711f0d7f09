import Foundation
import Vapor

/// Static files from `Public/`. Vapor's `FileMiddleware` asks the file system about every request's path, a trip
/// to a thread pool on each API call and page, and serves a file to any method; only GET and HEAD of paths inside
/// `Public/`'s own entries (`/css/…`) go to it.
struct StaticFilesMiddleware: AsyncMiddleware {
    private let files: FileMiddleware
    /// `/css/` for a folder, `/robots.txt` for a file.
    private let entries: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        entries = names.filter { !$0.hasPrefix(".") }.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: publicDirectory + name, isDirectory: &isFolder)
            return isFolder.boolValue ? "/\(name)/" : "/\(name)"
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard request.method == .GET || request.method == .HEAD,
            entries.contains(where: { $0.hasSuffix("/") ? path.hasPrefix($0) : path == $0 })
        else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
