import Logging
import Testing

@testable import TilgangApp

/// The database layers print query values; their records below `warning` never reach the log.
@Suite struct PatientSafeLogHandlerTests {
    final class Recorder: LogHandler, @unchecked Sendable {
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        var messages: [String] = []
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { messages.append("\(event.source): \(event.message)") }
    }

    @Test func queryValuesFromTheDatabaseLayersAreDroppedButTheirErrorsAndOurOwnLinesAreKept() {
        let recorder = Recorder()
        let logger = Logger(label: "test") { _ in PatientSafeLogHandler(wrapping: recorder) }
        logger.debug("Running query [input: patient_nin 01019010046]", source: "FluentKit")
        logger.trace("SELECT … $1=01019010046", source: "PostgresNIO")
        logger.info("query", source: "SQLiteNIO")
        logger.warning("connection lost", source: "PostgresNIO")
        logger.info("POST /saker", source: "Vapor")
        logger.debug("Ny database", source: "TilgangApp")
        #expect(recorder.messages == ["PostgresNIO: connection lost", "Vapor: POST /saker", "TilgangApp: Ny database"])
    }

    /// AsyncHTTPClient logs each response part in the metadata; a token response carries the ID token, and in it
    /// the identity number.
    @Test func clientBodyPartsInTheMetadataAreDropped() {
        let recorder = Recorder()
        let logger = Logger(label: "test") { _ in PatientSafeLogHandler(wrapping: recorder) }
        logger.trace(
            "HTTP response part received",
            metadata: ["ahc-http-part": "body: [7b2269645f746f6b656e223a2022657945...](1204 bytes)"],
            source: "AsyncHTTPClient")
        logger.trace(
            "HTTP response part received", metadata: ["ahc-http-part": "end"], source: "AsyncHTTPClient")
        #expect(recorder.messages == ["AsyncHTTPClient: HTTP response part received"])
    }
}
