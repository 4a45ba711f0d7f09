import TilgangDomain
import Vapor

/// The domain value is sent as JSON as it is.
extension ManufacturerApplication: Content {}
