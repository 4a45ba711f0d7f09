import Fluent

/// The last number given per reference prefix (`ReferenceNumber`): finding it by a prefix search inside the write
/// turn cost more the more cases there were.
struct CreateReferenceCounters: AsyncMigration {
    static let schema = "reference_counters"

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.schema)
            .field("scope", .string, .required)
            .field("prefix", .string, .required)
            .field("last_number", .int, .required)
            .unique(on: "scope", "prefix")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Self.schema).delete()
    }
}
