import Foundation
import NIOConcurrencyHelpers
import TilgangDomain
import Vapor

/// FEST imports started from the administrator's upload page: each runs in the background while the page shows
/// its progress. Kept in memory: a restart forgets finished jobs (the catalogue and the audit log keep the result).
final class FESTImportJobs: Sendable {
    enum Phase: String, Codable, Sendable {
        case reading, storing, done, failed
    }

    struct Job: Codable, Sendable {
        let id: UUID
        let fileName: String
        let totalBytes: Int
        var bytesRead = 0
        var phase = Phase.reading
        var result: FESTImportResult?
        var error: String?
        let startedBy: String
        let startedAt: Date
        var finishedAt: Date?
    }

    private let jobs = NIOLockedValueBox<[UUID: Job]>([:])

    func job(_ id: UUID) -> Job? { jobs.withLockedValue { $0[id] } }

    var recent: [Job] { jobs.withLockedValue { Array($0.values) }.sorted { $0.startedAt > $1.startedAt } }

    /// Imports the uploaded file at `path` in the background and removes it afterwards.
    func start(path: String, fileName: String, by user: AuthenticatedUser, app: Application) -> UUID {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let job = Job(
            id: UUID(), fileName: fileName, totalBytes: size, startedBy: user.displayName, startedAt: app.clock.now)
        jobs.withLockedValue { $0[job.id] = job }
        let id = job.id
        Task.detached { [jobs] in
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                let release = try FESTImportService.read(path) { bytes in
                    jobs.withLockedValue { $0[id]?.bytesRead = bytes }
                }
                jobs.withLockedValue { $0[id]?.phase = .storing }
                let result = try await app.festImport.store(FESTCatalogue.map(release, on: app.clock.today))
                try await FESTImportAudit.record(result, by: AuditActor(user), on: app)
                jobs.withLockedValue {
                    $0[id]?.result = result
                    $0[id]?.phase = .done
                    $0[id]?.finishedAt = app.clock.now
                }
            } catch {
                let message = (error as? XMLReadError)?.description ?? String(describing: error)
                jobs.withLockedValue {
                    $0[id]?.error = message
                    $0[id]?.phase = .failed
                    $0[id]?.finishedAt = app.clock.now
                }
            }
        }
        return id
    }
}

extension Application {
    private struct FESTImportJobsKey: StorageKey {
        typealias Value = FESTImportJobs
    }

    /// Set once by `configureServices`.
    var festImportJobs: FESTImportJobs {
        get { configuredService(FESTImportJobsKey.self) }
        set { storage[FESTImportJobsKey.self] = newValue }
    }
}
