import Fluent
import Vapor

/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
enum Migrations {
    static let all: [any Migration] = [
        CreateMedicine(),
        CreateOrganisationsAndUsers(),
        CreateCases(),
        CreateSubstitutions(),
        SessionRecord.migration,
        CreateExemptions(),
        CreateDepartmentLists(),
        CreateCompassionateUse(),
        AddCompassionateUseAgreementDetails(),
        CreateStatistics(),
        CreatePreparedness(),
        AddFESTCatalogueFields(),
        AddIdempotencyETag(),
        AddCaseListIndexes(),
        AddCaseStateIndexes(),
        CreateReferenceCounters(),
        CreateWebSessions(),
        PurgeIdempotencyBodies(),
        AddPatientsToStatGroups(),
        CorrectSeedInvoiceAddress(),
        AddManufacturerText(),
        // Before CreateHPRRegister, which reads every user through `UserModel` (email included). Fluent runs a
        // database's missing migrations in this order, so a database made before it just gets the column.
        AddUserEmail(),
        CreateHPRRegister(),
        AddIdempotencyRequestDigest(),
        AddStepAssessments(),
        AddCUPCostAgreement(),
        CreateNoticesAndOutbox(),
        AddSpeciesToStatFollowed(),
        CreateCaseAttachments(),
        CreateHelseIDRegistrations(),
        CreateEHRLaunches(),
        CreateAccessRequests(),
        AddFESTContentHash(),
        AddExemptionListIndexes(),
        AddLookupIndexes(),
        CreateExemptionYearCounts(),
        AddCaseSearchIndex(),
        AddExemptionSearchIndex(),
        AnalyzeCaseSearchColumns(),
    ]
}

func registerMigrations(_ app: Application) {
    app.migrations.add(Migrations.all)
}
