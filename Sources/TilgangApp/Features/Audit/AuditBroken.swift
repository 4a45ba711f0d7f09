/// The exit status of a broken audit log.
struct AuditBroken: Error, CustomStringConvertible {
    let sequence: Int
    var description: String { "Revisjonsloggen er brutt ved rad \(sequence)." }
}
