import Leaf

/// `#decimal(x)`: a number with one decimal and a Norwegian comma (`48,6`), as the UI writes numbers.
struct DecimalTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let value = ctx.parameters.first?.double else { return .string("") }
        return .string(String(format: "%.1f", value).replacingOccurrences(of: ".", with: ","))
    }
}
