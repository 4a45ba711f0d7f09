import Foundation
import TilgangDomain

/// Reads a command's input file; `-` means standard input.
public enum InputFile {
    static let standardInputPath = "/dev/stdin"

    /// ConsoleKit takes an argument starting with `-` for a flag, so `-` is passed on as `/dev/stdin`.
    public static func arguments(_ arguments: [String]) -> [String] {
        arguments.map { $0 == "-" ? standardInputPath : $0 }
    }

    static func read(_ path: String) throws -> Data {
        if path == "-" || path == standardInputPath { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationFailure(field: "file", message: "kan ikke lese «\(path)»")
        }
        return data
    }
}
