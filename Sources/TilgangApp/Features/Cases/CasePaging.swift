import Foundation
import TilgangDomain

/// Which page of a work list: at most `limit` cases (1–500, 100 unless asked), after skipping `offset`. Built from
/// user input by `init(limit:offset:)`, which names the bad field.
struct CasePaging: Sendable {
    static let defaultLimit = 100
    static let maximumLimit = 500

    var limit = CasePaging.defaultLimit
    var offset = 0

    init() {}

    init(limit: Int?, offset: Int?) throws {
        var errors: [FieldError] = []
        if let limit {
            if (1...Self.maximumLimit).contains(limit) {
                self.limit = limit
            } else {
                errors.append(FieldError(field: "limit", message: "må være mellom 1 og \(Self.maximumLimit)"))
            }
        }
        if let offset {
            if offset >= 0 {
                self.offset = offset
            } else {
                errors.append(FieldError(field: "offset", message: "kan ikke være negativ"))
            }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
    }
}
