/// A departure from the compassionate-use procedure, reported and listed for the trust (SPEC §7: no exceptions
/// from the procedure; every deviation is reported).
public enum DeviationCategory: String, Codable, Sendable, CaseIterable {
    case missingGate = "missing_gate"
    case startedBeforeGates = "started_before_gates"
    case agreementMissing = "agreement_missing"
    case documentation
    case other

    public var title: String {
        switch self {
        case .missingGate: "Port hoppet over"
        case .startedBeforeGates: "Behandling startet før alle porter var passert"
        case .agreementMissing: "Avtale manglet"
        case .documentation: "Dokumentasjon i journal mangler"
        case .other: "Annet"
        }
    }
}

public enum DeviationReport {
    /// Field errors of a report: a known category and a description of at least a sentence.
    public static func check(category: String?, description: String?) -> [FieldError] {
        var errors: [FieldError] = []
        if DeviationCategory(rawValue: category ?? "") == nil {
            errors.append(
                FieldError(
                    field: "category",
                    message: "velg " + DeviationCategory.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            errors.append(FieldError(field: "description", message: "beskriv avviket (minst 10 tegn)"))
        }
        return errors
    }
}
