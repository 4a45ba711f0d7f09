/// Near-identical refusal reasons across different patients are a warning sign (SPEC §6: the three ILB
/// refusals). Similarity is the Jaccard index of the two texts' word trigrams (sets of three consecutive words,
/// after lower-casing and keeping letters and digits only): 1 is the same wording, 0 no shared phrase. Trigrams,
/// not single words, because every refusal shares the vocabulary; only copied phrasing shares trigrams.
public enum ReasonSimilarity {
    /// At or above this, the officer is warned before the refusal is saved.
    public static let warningThreshold = 0.8

    public static func score(_ a: String, _ b: String) -> Double {
        let left = trigrams(a)
        let right = trigrams(b)
        guard !left.isEmpty || !right.isEmpty else { return 1 }
        return Double(left.intersection(right).count) / Double(left.union(right).count)
    }

    /// The most similar earlier text at or above the threshold, with its score.
    public static func nearDuplicate<ID>(of text: String, among earlier: [(id: ID, text: String)]) -> (
        id: ID, score: Double
    )? {
        earlier.map { ($0.id, score(text, $0.text)) }.filter { $0.1 >= warningThreshold }.max { $0.1 < $1.1 }
            .map { (id: $0.0, score: $0.1) }
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func trigrams(_ text: String) -> Set<String> {
        let words = words(text)
        guard words.count >= 3 else { return words.isEmpty ? [] : [words.joined(separator: " ")] }
        return Set((0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") })
    }
}
