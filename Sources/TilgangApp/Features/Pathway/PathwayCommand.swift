import TilgangDomain
import Vapor

/// `tilgang pathway --json FILE` (`-` = stdin): prints the route decision as JSON, the same as the API.
/// Invalid input prints the API's 422 error body to standard error and exits with status 1.
struct PathwayCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "json", help: "Scenario JSON file, or - for standard input")
        var json: String?
    }

    var help: String { "Finner ordningen for et scenario (JSON) og skriver svaret som JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.json else {
            throw ValidationFailure(field: "--json", message: "oppgi scenariofilen: tilgang pathway --json FIL")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let decision = try await context.application.pathway.decide(json: try InputFile.read(path))
            print(String(decoding: try encoder.encode(decision), as: UTF8.self))
        } catch let failure as ValidationFailure {
            let (_, body) = TilgangErrorMiddleware.describe(failure)
            FileHandle.standardError.write(try encoder.encode(body))
            FileHandle.standardError.write(Data("\n".utf8))
            throw CommandFailed()
        }
    }
}
