/// The weight of each criterion in its dimension's score: a whole number 0…10, 0 meaning "not counted".
///
/// The defaults (docs/preparedness.md) weigh consequences for life and health highest, as the report's
/// purpose is medicines "der mangel kan gi alvorlig skade på liv og helse" (seed 003 §4.3).
public struct PreparednessWeights: Codable, Hashable, Sendable {
    public static let range = 0...10

    public static let defaults: [PreparednessCriterion: Int] = [
        .therapyTradition: 1, .patientGroupSize: 2, .healthConsequence: 3, .fewAlternatives: 2,
        .fewMarketingAuthorisationHolders: 2, .fewAPIMakers: 2, .pastShortages: 2, .shortageForecast: 1,
        .expectedDuration: 1,
    ]

    public private(set) var values: [PreparednessCriterion: Int]

    public init(_ values: [PreparednessCriterion: Int] = [:]) {
        self.values = Self.defaults.merging(values) { _, given in given }
    }

    public subscript(criterion: PreparednessCriterion) -> Int { values[criterion] ?? 0 }

    /// Weights from a form or JSON object keyed by criterion id; every bad entry names its field.
    public static func parse(_ raw: [String: Int]) throws(ValidationFailure) -> PreparednessWeights {
        var errors: [FieldError] = []
        var values: [PreparednessCriterion: Int] = [:]
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let criterion = PreparednessCriterion(rawValue: key) else {
                errors.append(FieldError(field: "weights.\(key)", message: "ukjent kriterium"))
                continue
            }
            guard range.contains(value) else {
                errors.append(FieldError(field: "weights.\(key)", message: "bruk et heltall fra 0 til 10"))
                continue
            }
            values[criterion] = value
        }
        let weights = PreparednessWeights(values)
        for dimension in [PreparednessCriterion.Dimension.criticality, .shortageRisk]
        where weights.total(dimension) == 0 {
            errors.append(
                FieldError(field: "weights", message: "minst ett kriterium i hver dimensjon må ha vekt over 0"))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return weights
    }

    func total(_ dimension: PreparednessCriterion.Dimension) -> Int {
        PreparednessCriterion.allCases.filter { $0.dimension == dimension }.reduce(0) { $0 + self[$1] }
    }
}
