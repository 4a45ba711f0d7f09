import Fluent
import Foundation
import TilgangDomain

/// A health trust (tenant): its case-number prefix and the configuration its prescribers follow (SPEC §5.10).
final class TrustModel: Model, @unchecked Sendable {
    static let schema = "trusts"

    /// Short code, also the case-number prefix (`SI`, `HB`).
    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    /// The municipalities or area the trust's catchment covers, as shown to users.
    @Field(key: "catchment_area") var catchmentArea: String
    @Field(key: "invoice_address") var invoiceAddress: String
    /// `PrescribingConfiguration` as JSON: project codes and note texts (SPEC §5.10).
    @Field(key: "prescribing_config") var prescribingConfig: String

    init() {}

    init(code: String, name: String, catchmentArea: String, invoiceAddress: String, prescribingConfig: String) {
        self.id = code
        self.name = name
        self.catchmentArea = catchmentArea
        self.invoiceAddress = invoiceAddress
        self.prescribingConfig = prescribingConfig
    }

    var prescribing: PrescribingConfiguration? { Self.prescribing(fromJSON: prescribingConfig) }

    static func prescribing(fromJSON json: String) -> PrescribingConfiguration? {
        try? JSONDecoder().decode(PrescribingConfiguration.self, from: Data(json.utf8))
    }
}
