import FluentPostgresDriver
import Foundation
import TilgangDomain

/// Where the database lives, read from `DATABASE_URL`.
///
/// `sqlite:///absolute/path.sqlite`, `sqlite://relative.sqlite` (relative to the working directory) or
/// `postgres://user:pass@host:port/db`; unset means `sqlite://tilgang.sqlite`.
public enum DatabaseLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultURL = "sqlite://tilgang.sqlite"

    public init(url: String?, workingDirectory: String = FileManager.default.currentDirectoryPath) throws {
        let url = (url?.isEmpty == false ? url : nil) ?? DatabaseLocation.defaultURL
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty, path != "/" else {
                throw ValidationFailure(field: "DATABASE_URL", message: "sqlite:// må følges av en filsti")
            }
            self = .sqlite(path: path.hasPrefix("/") ? path : workingDirectory + "/" + path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard (try? SQLPostgresConfiguration(url: url)) != nil else {
                throw ValidationFailure(field: "DATABASE_URL", message: "er ikke en gyldig postgres://-adresse")
            }
            self = .postgres(url: url)
        } else {
            throw ValidationFailure(
                field: "DATABASE_URL",
                message: "ukjent database «\(url.prefix(12))…»; bruk sqlite:///sti, sqlite://sti eller postgres://…")
        }
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}
