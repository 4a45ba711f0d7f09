import Fluent
import Foundation
import TilgangDomain

/// Databases made before issue 10 carry Sykehuset Innlandet's guidance with a wrong invoice address («Postboks
/// 4453, 2326 Hamar») and without TønSys and the project lines; seed 001 says «Pb 104, 2381 Brumunddal». Only a
/// trust still holding the old demo text is changed.
struct CorrectSeedInvoiceAddress: AsyncMigration {
    static let wrongAddress = "Sykehuset Innlandet HF, Fakturamottak, Postboks 4453, 2326 Hamar"

    func prepare(on database: any Database) async throws {
        guard let trust = try await TrustModel.query(on: database).filter(\.$id == "SI").first(),
            trust.invoiceAddress == Self.wrongAddress
        else { return }
        let configuration = PrescribingConfiguration.sykehusetInnlandet
        trust.invoiceAddress = configuration.invoiceAddress
        trust.prescribingConfig = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        try await trust.update(on: database)
    }

    func revert(on database: any Database) async throws {}
}
