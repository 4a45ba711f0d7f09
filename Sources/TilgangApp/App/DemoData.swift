import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// The demo catalogue shipped with the app; it exercises every rule R1–R13.
public enum DemoData {
    public static func catalogue() throws -> CatalogueDocument {
        guard let url = Bundle.module.url(forResource: "demo-catalogue", withExtension: "json") else {
            throw Abort(.internalServerError, reason: "demo-catalogue.json mangler i programpakken")
        }
        return try CatalogueDocument.parse(json: try Data(contentsOf: url))
    }
}
