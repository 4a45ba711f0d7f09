import Fluent

/// The supply-preparedness register (issue 6): critical medicines and their assessments, weights, shortages,
/// production sites, stock, forum decisions and produced batches.
struct CreatePreparedness: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CriticalMedicineModel.schema).id()
            .field("medicine_id", .string, .required).field("version", .int, .required)
            .field("added_by", .string, .required).field("created_at", .datetime)
            .unique(on: "medicine_id").create()
        try await database.schema(CriterionAssessmentModel.schema).id()
            .field("medicine_id", .string, .required).field("criterion", .string, .required)
            .field("level", .int, .required).field("evidence", .string, .required)
            .field("assessed_by", .string, .required).field("assessed_on", .string, .required)
            .unique(on: "medicine_id", "criterion").create()
        try await database.schema(PreparednessWeightModel.schema)
            .field("criterion", .string, .identifier(auto: false)).field("weight", .int, .required).create()
        try await database.schema(ShortageModel.schema).id()
            .field("medicine_id", .string, .required).field("start", .string, .required)
            .field("cause", .string, .required).field("expected_end", .string).field("actual_end", .string)
            .field("affected_products", .string, .required).field("measures", .string, .required)
            .field("note", .string, .required).field("version", .int, .required)
            .field("recorded_by", .string, .required).field("created_at", .datetime).create()
        try await database.schema(ProductionSiteModel.schema).id()
            .field("name", .string, .required).field("organisation", .string, .required)
            .field("locations", .string, .required).field("kind", .string, .required)
            .field("licence", .string, .required).field("sterile", .bool, .required)
            .field("non_sterile", .bool, .required).field("dosage_forms", .string, .required)
            .field("technology", .string, .required).field("capacity_note", .string, .required)
            .field("spare_capacity", .string, .required).field("version", .int, .required)
            .field("updated_by", .string, .required).unique(on: "name").create()
        try await database.schema(StockItemModel.schema).id()
            .field("holder", .string, .required).field("material", .string, .required)
            .field("name", .string, .required).field("atc", .string).field("quantity", .double, .required)
            .field("unit", .string, .required).field("batch", .string, .required)
            .field("expires_on", .string, .required).field("recorded_by", .string, .required).create()
        try await database.schema(ForumDecisionModel.schema).id()
            .field("kind", .string, .required).field("medicine_id", .string, .required).field("shortage_id", .uuid)
            .field("site", .string, .required).field("quantity", .string).field("decided_on", .string, .required)
            .field("note", .string, .required).field("recorded_by", .string, .required)
            .field("created_at", .datetime).create()
        try await database.schema(ProducedBatchModel.schema).id()
            .field("shortage_id", .uuid, .required).field("site", .string, .required)
            .field("batch", .string, .required).field("produced_on", .string, .required)
            .field("quantity", .int, .required).field("remaining", .int, .required)
            .field("version", .int, .required).field("recorded_by", .string, .required).create()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            ProducedBatchModel.schema, ForumDecisionModel.schema, StockItemModel.schema, ProductionSiteModel.schema,
            ShortageModel.schema, PreparednessWeightModel.schema, CriterionAssessmentModel.schema,
            CriticalMedicineModel.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
