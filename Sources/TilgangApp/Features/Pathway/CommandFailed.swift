/// The command already wrote its error as JSON; only the exit status and a one-line summary are left.
public struct CommandFailed: Error, CustomStringConvertible {
    public var description: String { "Ugyldig scenario: feltene står i JSON-feilen på standard error." }
}
