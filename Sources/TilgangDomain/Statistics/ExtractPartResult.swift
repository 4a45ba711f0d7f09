/// What reading one part of an extract gave: its sums, or the first fault in it (its line counted from the part's
/// first line, 1), the physical lines it spans, and whether it ended inside a quoted field — which, for a part
/// that is not the last, means the cut after it fell inside that field.
public struct ExtractPartResult {
    public var sums: UnregisteredReportAggregator
    public var fault: ExtractError?
    public var lines: Int
    public var endsInsideQuotes: Bool
}
