import TilgangDomain

/// What a shortage form shows: the values typed (or stored) and the choices.
struct ShortageFormValues: Encodable {
    var medicineId = ""
    var start = ""
    var cause = "supply_failure"
    var expectedEnd = ""
    var actualEnd = ""
    var affectedProducts = ""
    var measures: [String] = []
    var note = ""
    var version = 1

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    var causes: [Choice] {
        Shortage.Cause.allCases.map { Choice(value: $0.rawValue, label: $0.title, selected: $0.rawValue == cause) }
    }

    var measureChoices: [Choice] {
        Shortage.Measure.allCases.map {
            Choice(value: $0.rawValue, label: $0.title, selected: measures.contains($0.rawValue))
        }
    }

    init() {}

    init(_ dto: ShortageDTO) {
        medicineId = dto.medicineId
        start = dto.start
        cause = dto.cause
        expectedEnd = dto.expectedEnd ?? ""
        actualEnd = dto.actualEnd ?? ""
        affectedProducts = dto.affectedProducts.joined(separator: "; ")
        measures = dto.measures
        note = dto.note
        version = dto.version
    }

    init(_ input: ShortageInput, version: Int = 1) {
        medicineId = input.medicineId ?? ""
        start = input.start ?? ""
        cause = input.cause ?? ""
        expectedEnd = input.expectedEnd ?? ""
        actualEnd = input.actualEnd ?? ""
        affectedProducts = input.affectedProducts ?? ""
        measures = input.measures ?? []
        note = input.note ?? ""
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case medicineId, start, cause, expectedEnd, actualEnd, affectedProducts, note, version, causes, measureChoices
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(medicineId, forKey: .medicineId)
        try c.encode(start, forKey: .start)
        try c.encode(cause, forKey: .cause)
        try c.encode(expectedEnd, forKey: .expectedEnd)
        try c.encode(actualEnd, forKey: .actualEnd)
        try c.encode(affectedProducts, forKey: .affectedProducts)
        try c.encode(note, forKey: .note)
        try c.encode(version, forKey: .version)
        try c.encode(causes, forKey: .causes)
        try c.encode(measureChoices, forKey: .measureChoices)
    }
}
