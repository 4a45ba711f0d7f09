/// One criterion's level for one medicine, with the evidence behind it and who assessed it when.
public struct CriterionAssessment: Codable, Hashable, Sendable {
    public let criterion: PreparednessCriterion
    /// 0…3 on the criterion's scale.
    public let level: Int
    public let evidence: String
    public let assessedBy: String
    public let assessedOn: CalendarDate

    public init(
        criterion: PreparednessCriterion, level: Int, evidence: String, assessedBy: String, assessedOn: CalendarDate
    ) {
        self.criterion = criterion
        self.level = level
        self.evidence = evidence
        self.assessedBy = assessedBy
        self.assessedOn = assessedOn
    }

    /// Checks a level and its evidence typed in by an analyst; errors name `criteria.<criterion>.<field>`.
    public static func validate(level: Int?, evidence: String?, criterion: PreparednessCriterion) -> [FieldError] {
        let path = "criteria.\(criterion.rawValue)"
        var errors: [FieldError] = []
        if criterion.isDerivedFromShortages {
            errors.append(FieldError(field: path, message: "regnes ut fra mangelregisteret og kan ikke settes"))
            return errors
        }
        guard let level, (0...PreparednessCriterion.highestLevel).contains(level) else {
            errors.append(FieldError(field: "\(path).level", message: "velg et nivå fra 0 til 3"))
            return errors
        }
        if (evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(field: "\(path).evidence", message: "oppgi grunnlaget for nivået"))
        }
        return errors
    }
}
