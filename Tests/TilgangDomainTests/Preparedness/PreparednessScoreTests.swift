import Testing

@testable import TilgangDomain

/// The critical-medicine register's score (seed 003 §4.3) and the documented weight example of
/// docs/preparedness.md: benzylpenicillin against morphine injection.
@Suite struct PreparednessScoreTests {
    static let day = Fixtures.date("2026-11-25")

    static func assessments(_ levels: [PreparednessCriterion: Int]) -> [CriterionAssessment] {
        levels.map {
            CriterionAssessment(
                criterion: $0.key, level: $0.value, evidence: "grunnlag", assessedBy: "analytiker",
                assessedOn: day)
        }
    }

    static let benzylpenicillin = assessments([
        .therapyTradition: 3, .patientGroupSize: 2, .healthConsequence: 3, .fewAlternatives: 2,
        .fewMarketingAuthorisationHolders: 3, .fewAPIMakers: 2, .pastShortages: 1, .shortageForecast: 1,
        .expectedDuration: 1,
    ])
    static let morphine = assessments([
        .therapyTradition: 0, .patientGroupSize: 2, .healthConsequence: 3, .fewAlternatives: 2,
        .fewMarketingAuthorisationHolders: 2, .fewAPIMakers: 1, .pastShortages: 3, .shortageForecast: 2,
        .expectedDuration: 3,
    ])

    static func ranking(_ weights: PreparednessWeights) -> [String] {
        PreparednessScore.ranked([
            PreparednessScore(medicineId: "benzylpenicillin", assessments: benzylpenicillin, weights: weights),
            PreparednessScore(medicineId: "morfin", assessments: morphine, weights: weights),
        ]).map(\.medicineId)
    }

    @Test func defaultWeightsGiveTheDocumentedScores() {
        // when
        let score = PreparednessScore(
            medicineId: "benzylpenicillin", assessments: Self.benzylpenicillin,
            weights: PreparednessWeights())
        // then: criticality 20/24, risk 14/24, priority their product / 100
        #expect(score.criticality == 83.3)
        #expect(score.shortageRisk == 58.3)
        #expect(score.priority == 48.6)
        #expect(score.contributions.first?.criterion == .healthConsequence)
        #expect(score.contributions.first?.points == 37.5)
        #expect(score.reasons.first == "Konsekvenser for pasientenes liv og helse: livstruende (+37,5)")
    }

    @Test func weightsChangeTheOrderAsDocumented() throws {
        // given / when / then: by default morphine (50.2) ranks above benzylpenicillin (48.6)
        #expect(Self.ranking(PreparednessWeights()) == ["morfin", "benzylpenicillin"])
        // raising the Norwegian therapy tradition to 10 puts benzylpenicillin first (53.8 against 23.6)
        let tradition = try PreparednessWeights.parse(["therapy_tradition": 10])
        #expect(Self.ranking(tradition) == ["benzylpenicillin", "morfin"])
        // and not counting past shortages at all does the same
        let noHistory = try PreparednessWeights.parse(["past_shortages": 0, "expected_duration": 0])
        #expect(Self.ranking(noHistory) == ["benzylpenicillin", "morfin"])
    }

    @Test func anUnassessedCriterionCountsAsZeroAndIsListed() {
        let score = PreparednessScore(
            medicineId: "x", assessments: Self.assessments([.healthConsequence: 3, .fewAPIMakers: 3]),
            weights: PreparednessWeights())
        #expect(score.criticality == 37.5)
        #expect(score.shortageRisk == 25)
        #expect(score.unassessed.count == 7 && score.unassessed.contains(.pastShortages))
    }

    @Test func aMedicineNotAtRiskHasNoPriorityHoweverCriticalItIs() {
        let score = PreparednessScore(
            medicineId: "x",
            assessments: Self.assessments([
                .therapyTradition: 3, .patientGroupSize: 3, .healthConsequence: 3, .fewAlternatives: 3,
            ]), weights: PreparednessWeights())
        #expect(score.criticality == 100 && score.shortageRisk == 0 && score.priority == 0)
    }

    @Test func tiesRankByCriticalityThenId() {
        let weights = PreparednessWeights()
        let a = PreparednessScore(medicineId: "b", assessments: [], weights: weights)
        let b = PreparednessScore(medicineId: "a", assessments: [], weights: weights)
        let c = PreparednessScore(
            medicineId: "c", assessments: Self.assessments([.fewAlternatives: 1]), weights: weights)
        #expect(PreparednessScore.ranked([a, b, c]).map(\.medicineId) == ["c", "a", "b"])
    }

    @Test func badWeightsNameTheirField() {
        #expect(throws: ValidationFailure(field: "weights.health_consequence", message: "bruk et heltall fra 0 til 10"))
        {
            try PreparednessWeights.parse(["health_consequence": 11])
        }
        #expect(throws: ValidationFailure(field: "weights.nonsense", message: "ukjent kriterium")) {
            try PreparednessWeights.parse(["nonsense": 1])
        }
        let allZero = Dictionary(
            uniqueKeysWithValues: PreparednessCriterion.allCases.filter { $0.dimension == .criticality }.map {
                ($0.rawValue, 0)
            })
        #expect(throws: ValidationFailure.self) { try PreparednessWeights.parse(allZero) }
    }

    @Test func anAnalystCannotTypeInPastShortagesAndMustGiveEvidence() {
        #expect(
            CriterionAssessment.validate(level: 2, evidence: "x", criterion: .pastShortages).first?.field
                == "criteria.past_shortages")
        #expect(
            CriterionAssessment.validate(level: 4, evidence: "x", criterion: .fewAPIMakers).first?.field
                == "criteria.few_api_makers.level")
        #expect(
            CriterionAssessment.validate(level: 3, evidence: " ", criterion: .fewAPIMakers).first?.field
                == "criteria.few_api_makers.evidence")
        #expect(
            CriterionAssessment.validate(level: 0, evidence: "én produsent i India", criterion: .fewAPIMakers)
                .isEmpty)
    }
}
