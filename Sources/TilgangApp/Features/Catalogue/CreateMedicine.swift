import Fluent

/// The medicine catalogue (SPEC §3).
struct CreateMedicine: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(MedicineModel.schema)
            .id()
            .field("catalogue_id", .string, .required)
            .field("name", .string, .required)
            .field("substance", .string, .required)
            .field("atc", .string, .required)
            .field("strength", .string)
            .field("form", .string)
            .field("product_number", .string)
            .field("norwegian_authorisation", .string, .required)
            .field("marketed", .bool)
            .field("deregistered_on", .string)
            .field("approved_indications", .array(of: .string), .required)
            .field("foreign_authorisations", .array(of: .string), .required)
            .field("negative_list", .bool, .required)
            .field("hospital_financed", .bool, .required)
            .field("blue_prescription_indications", .array(of: .string), .required)
            .field("nye_metoder", .string, .required)
            .field("national_cu_list", .bool, .required)
            .field("cu_programme", .string, .required)
            .field("national_standard_agreement", .string, .required)
            .field("early_phase", .bool, .required)
            .field("thc_percent", .double)
            .field("replaced_by_marketed_product_on", .string)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "catalogue_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(MedicineModel.schema).delete()
    }
}
