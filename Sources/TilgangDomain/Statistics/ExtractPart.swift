/// A part of an extract that starts at a record boundary: its bytes and the physical line it starts on.
public struct ExtractPart: Sendable, Equatable {
    public let range: Range<Int>
    public let firstLine: Int
}
