import Fluent
import TilgangDomain

/// Case numbers and references such as `SI-2026-000123`, `DMP-2026-000012`, `CU-SI-2026-000004`: one more than
/// the highest number with the prefix; the column's unique index catches a concurrent twin.
enum ReferenceNumber {
    static func next<M: Model>(
        _ prefix: String, in field: KeyPath<M, FieldProperty<M, String>>, on db: any Database
    ) async throws -> String {
        let latest = try await M.query(on: db).filter(field ~~ prefix).sort(field, .descending).first()
        let number = latest.flatMap { Int($0[keyPath: field].wrappedValue.dropFirst(prefix.count)) } ?? 0
        return prefix + TextFormat.zeroPadded(number + 1, width: 6)
    }
}
