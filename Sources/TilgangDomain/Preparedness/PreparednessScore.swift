import Foundation

/// A medicine's scores in the critical-medicine register, with every criterion's share, so the ranked list can
/// say why it ranks where it does.
///
/// Each dimension scores 0–100: `100 × Σ weight × level / (3 × Σ weight)` over its criteria, an unassessed
/// criterion counting as level 0. Priority is `criticality × shortage risk / 100`: the report looks for medicines
/// that are *both* critical and at risk (seed 003 §4.3), so a medicine high on one and zero on the other ranks low.
public struct PreparednessScore: Codable, Hashable, Sendable {
    public struct Contribution: Codable, Hashable, Sendable {
        public let criterion: PreparednessCriterion
        public let dimension: PreparednessCriterion.Dimension
        public let weight: Int
        /// `nil` when the criterion has not been assessed.
        public let level: Int?
        /// Points this criterion adds to its dimension's 0–100 score.
        public let points: Double
        public let assessment: CriterionAssessment?
    }

    public let medicineId: String
    public let criticality: Double
    public let shortageRisk: Double
    public let priority: Double
    /// Every criterion, the largest share first.
    public let contributions: [Contribution]

    public var unassessed: [PreparednessCriterion] { contributions.filter { $0.level == nil }.map(\.criterion) }

    /// The criteria that carry the score, in words: "Konsekvenser for liv og helse: livstruende (+42,9)".
    public var reasons: [String] {
        contributions.filter { $0.points > 0 }.map { c in
            let level = c.level.map { c.criterion.scale[$0] } ?? "ikke vurdert"
            return "\(c.criterion.title): \(level) (+\(Self.format(c.points)))"
        }
    }

    public init(medicineId: String, assessments: [CriterionAssessment], weights: PreparednessWeights) {
        let byCriterion = Dictionary(assessments.map { ($0.criterion, $0) }, uniquingKeysWith: { _, last in last })
        var contributions: [Contribution] = []
        var scores: [PreparednessCriterion.Dimension: Double] = [:]
        for criterion in PreparednessCriterion.allCases {
            let total = weights.total(criterion.dimension)
            let assessment = byCriterion[criterion]
            let weight = weights[criterion]
            let level = assessment?.level
            let points =
                total == 0
                ? 0 : 100 * Double(weight * (level ?? 0)) / Double(PreparednessCriterion.highestLevel * total)
            scores[criterion.dimension, default: 0] += points
            contributions.append(
                Contribution(
                    criterion: criterion, dimension: criterion.dimension, weight: weight, level: level,
                    points: Self.rounded(points), assessment: assessment))
        }
        self.medicineId = medicineId
        criticality = Self.rounded(scores[.criticality] ?? 0)
        shortageRisk = Self.rounded(scores[.shortageRisk] ?? 0)
        priority = Self.rounded((scores[.criticality] ?? 0) * (scores[.shortageRisk] ?? 0) / 100)
        let order = PreparednessCriterion.allCases
        self.contributions = contributions.sorted {
            ($0.points, order.firstIndex(of: $1.criterion)!) > ($1.points, order.firstIndex(of: $0.criterion)!)
        }
    }

    /// Highest priority first; ties by criticality, then by medicine id so the order is stable.
    public static func ranked(_ scores: [PreparednessScore]) -> [PreparednessScore] {
        scores.sorted {
            if $0.priority != $1.priority { return $0.priority > $1.priority }
            if $0.criticality != $1.criticality { return $0.criticality > $1.criticality }
            return $0.medicineId < $1.medicineId
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// One decimal with a Norwegian comma.
    public static func format(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
