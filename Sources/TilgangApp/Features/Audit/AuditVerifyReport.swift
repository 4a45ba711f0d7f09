import Foundation

/// What `tilgang audit verify` tells the operator while it runs (a line on stderr at most every two seconds) and
/// at the end: how many rows and how fast, in Norwegian («1 234 567 rader/s»).
struct AuditVerifyReport {
    private let started = ContinuousClock.now
    private var lastLine = ContinuousClock.now

    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// A progress line on stderr, if two seconds have passed since the last.
    mutating func progress(_ progress: AuditLogService.VerifyProgress) {
        guard ContinuousClock.now - lastLine >= .seconds(2) else { return }
        lastLine = .now
        let line =
            progress.cases == 0
            ? "Revisjonsloggen: \(Self.grouped(progress.rows)) rader kontrollert, \(rate(progress.rows)) rader/s\n"
            : "Revisjonsloggen: \(Self.grouped(progress.cases)) saker kontrollert mot seglene\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Rows per second since the start, grouped.
    func rate(_ rows: Int) -> String {
        Self.grouped(Int((Double(rows) / max(elapsedSeconds, 0.001)).rounded()))
    }

    /// Seconds with one decimal and a decimal comma.
    var seconds: String {
        String(format: "%.1f", elapsedSeconds).replacingOccurrences(of: ".", with: ",")
    }

    /// "20 000 000": thousands grouped with a space, as Norwegian writes them.
    static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var out = ""
        while digits.count > 3 {
            out = " " + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }
}
