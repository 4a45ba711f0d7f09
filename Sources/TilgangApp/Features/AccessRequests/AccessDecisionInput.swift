import TilgangDomain
import Vapor

/// A department head's decision on a request: days for a grant, a reason for a refusal or revocation.
struct AccessDecisionInput: Content {
    var days: String?
    var reason: String?

    init(days: String? = nil, reason: String? = nil) {
        self.days = days
        self.reason = reason
    }

    /// `days` as a JSON number or as the form's text, so an empty or wrong field is named rather than a 400.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decodeIfPresent(Int.self, forKey: .days) {
            days = String(number)
        } else {
            days = try? container.decodeIfPresent(String.self, forKey: .days)
        }
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }

    private enum CodingKeys: String, CodingKey {
        case days, reason
    }

    /// The grant's days: `AccessGrantPeriod.defaultDays` when not given.
    func grantDays() throws -> Int {
        let text = (days ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return AccessGrantPeriod.defaultDays }
        guard let days = Int(text), (1...AccessGrantPeriod.maximumDays).contains(days) else {
            throw ValidationFailure(
                field: "days", message: "må være et helt antall dager fra 1 til \(AccessGrantPeriod.maximumDays)")
        }
        return days
    }

    /// The reason, required for a refusal; at most the free-text limit.
    func reasonText(required: Bool) throws -> String? {
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required { throw ValidationFailure(field: "reason", message: "må fylles ut") }
            return nil
        }
        guard text.count <= FormLimits.freeTextCharacters else {
            throw ValidationFailure(field: "reason", message: "kan ha høyst \(FormLimits.freeTextCharacters) tegn")
        }
        return text
    }
}
