import Vapor

/// The `tilgang` subcommands beside Vapor's own `serve` and `migrate`.
func registerCommands(_ app: Application) {
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(PathwayCommand(), as: "pathway")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(RetentionCommand(), as: "retention")
    app.asyncCommands.use(ArchiveCommand(), as: "archive")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(PreparednessCommand(), as: "preparedness")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(DemoCommand(), as: "demo")
}
