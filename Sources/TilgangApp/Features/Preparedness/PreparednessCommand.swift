import TilgangDomain
import Vapor

/// `tilgang preparedness propose --medicine ID [--format json|text] [--date YYYY-MM-DD]`: which production sites
/// could make the medicine, ranked with reasons and what is missing, from the stored sites, stock and shortages.
struct PreparednessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "propose")
        var action: String

        @Option(name: "medicine", help: "Catalogue id of the medicine")
        var medicine: String?

        @Option(name: "format", help: "json (default) or text")
        var format: String?

        @Option(name: "date", help: "The day to propose for (YYYY-MM-DD); today in Europe/Oslo when left out")
        var date: String?
    }

    var help: String { "Foreslår produksjonssteder for et legemiddel i mangel (beredskap)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "propose" else {
            throw ValidationFailure(field: "action", message: "ukjent handling «\(signature.action)»; bruk: propose")
        }
        guard let medicine = signature.medicine, !medicine.isEmpty else {
            throw ValidationFailure(field: "--medicine", message: "oppgi legemiddelets katalog-id")
        }
        let format = signature.format ?? "json"
        guard ["json", "text"].contains(format) else {
            throw ValidationFailure(field: "--format", message: "bruk json eller text")
        }
        var day = context.application.clock.today
        if let raw = signature.date {
            guard let given = PathwayForm.date(fromUserInput: raw) else {
                throw ValidationFailure(field: "--date", message: "oppgi en dato som YYYY-MM-DD")
            }
            day = given
        }
        try await context.application.autoMigrate()
        let result = try await context.application.proposals.proposal(for: medicine, on: day)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(Self.text(result))
        }
    }

    static func text(_ result: ProposalDTO) -> String {
        var lines = [
            "\(result.medicineName) (\(result.medicineId)) – \(result.inShortage ? "i mangel" : "ikke i mangel") "
                + "\(result.proposal.day.norwegian)"
        ]
        for (index, candidate) in result.proposal.candidates.enumerated() {
            lines.append("\(index + 1). \(candidate.site) (\(candidate.points) poeng)")
            lines += candidate.reasons.map { "   + \($0)" }
            lines += candidate.missing.map { "   – mangler: \($0)" }
        }
        if result.proposal.candidates.isEmpty { lines.append("Ingen steder kan lage legemiddelet.") }
        for excluded in result.proposal.excluded {
            lines.append("Ikke egnet: \(excluded.site): \(excluded.reasons.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }
}
