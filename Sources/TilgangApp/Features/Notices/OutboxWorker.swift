import NIOConcurrencyHelpers
import Vapor

/// Sends the outbox in the background while the server runs (`tilgang serve` only): every `interval` it sends
/// what is due (`OutboxSender`). Requests never wait for it. Without `TILGANG_SMTP_HOST` it says so once and
/// leaves the mails in the outbox. About once a minute it deletes old finished mails (`OutboxCleanup`).
struct OutboxWorker: LifecycleHandler {
    let settings: MailSettings
    var interval: Duration = .seconds(2)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(settings: MailSettings, interval: Duration = .seconds(2)) {
        self.settings = settings
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        guard let host = settings.smtpHost else {
            application.logger.warning(
                "TILGANG_SMTP_HOST er ikke satt: e-postvarsler blir liggende usendt i utboksen (mail_outbox).")
            return
        }
        application.logger.notice("E-postvarsler sendes via \(host):\(settings.smtpPort).")
        let sender = OutboxSender(
            database: application.db, settings: settings, client: SMTPClient(host: host, port: settings.smtpPort))
        let cleanup = OutboxCleanup(database: application.db)
        let clock = application.clock
        let logger = application.logger
        let interval = interval
        task.withLockedValue {
            $0 = Task {
                var lastCleanup = ContinuousClock.now - .seconds(3600)
                while !Task.isCancelled {
                    do {
                        // Old finished mails go about once a minute; sending is what runs every interval.
                        if ContinuousClock.now - lastCleanup >= .seconds(60) {
                            lastCleanup = ContinuousClock.now
                            _ = try await cleanup.run(now: clock.now)
                        }
                        let outcome = try await sender.runOnce(now: clock.now)
                        if outcome.retried + outcome.failed > 0 {
                            logger.warning(
                                "E-post: \(outcome.sent) sendt, \(outcome.retried) prøves igjen, \(outcome.failed) feilet."
                            )
                        }
                    } catch {
                        logger.error("E-postutboksen kunne ikke leses (\(String(reflecting: type(of: error))))")
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}

/// `tilgang serve`'s mail outbox worker, with the settings from the environment.
public enum MailOutbox {
    public static func startWorker(in application: Application) {
        application.lifecycle.use(OutboxWorker(settings: .fromEnvironment()))
    }
}
