/// A record changed under optimistic locking: its version goes out as the ETag and comes back with If-Match.
protocol Versioned {
    var version: Int { get }
}

extension CaseDTO: Versioned {}
extension ExemptionDTO: Versioned {}
extension CUCaseDTO: Versioned {}
