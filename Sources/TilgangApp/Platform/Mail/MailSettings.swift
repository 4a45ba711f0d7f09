import Vapor

/// Where mail goes (`TILGANG_SMTP_HOST`, `TILGANG_SMTP_PORT`, `TILGANG_MAIL_FROM`) and the base of links in it
/// (`TILGANG_PUBLIC_URL`). Without a host the outbox keeps its mails unsent.
struct MailSettings: Sendable {
    var smtpHost: String?
    var smtpPort = 25
    var from = "tilgang@localhost.localdomain"
    var publicURL = "http://localhost:8080"

    static func fromEnvironment() -> MailSettings {
        var settings = MailSettings()
        settings.smtpHost = Environment.get("TILGANG_SMTP_HOST").flatMap { $0.isEmpty ? nil : $0 }
        settings.smtpPort = Environment.get("TILGANG_SMTP_PORT").flatMap(Int.init) ?? settings.smtpPort
        settings.from = Environment.get("TILGANG_MAIL_FROM") ?? settings.from
        settings.publicURL = Environment.get("TILGANG_PUBLIC_URL") ?? settings.publicURL
        while settings.publicURL.hasSuffix("/") { settings.publicURL.removeLast() }
        return settings
    }
}
