import Foundation
import TilgangDomain
import Vapor

/// The query of the route page (a GET form: deciding changes nothing, and the answer can be bookmarked).
struct PathwayForm: Content {
    var q: String?
    var medicineId: String?
    var indication: String?
    var date: String?
    var species: String?
    var applicantKind: String?
    var setting: String?
    var indicationCovered: String?
    var fatalWithoutAlternatives: String?
    var informedConsent: String?
    var eligibleForClinicalTrial: String?
    var clinicallyExceptional: String?
    var trustPays: String?
    var helfoRefused: String?
    var generalShortagePermission: String?
    /// `decide` when the user asked for the answer; anything else only searches.
    var action: String?

    static let checkboxLabels: [(name: String, label: String)] = [
        ("fatalWithoutAlternatives", "Dødelig sykdom uten behandlingsalternativ"),
        ("informedConsent", "Pasienten har gitt informert samtykke"),
        ("eligibleForClinicalTrial", "Pasienten er aktuell for en klinisk studie"),
        ("clinicallyExceptional", "Pasienten er klinisk eksepsjonell"),
        ("trustPays", "Helseforetaket skal betale"),
        ("helfoRefused", "Helfo har avslått individuell refusjon"),
        ("generalShortagePermission", "En generell mangeltillatelse gjelder"),
    ]

    func isChecked(_ name: String) -> Bool {
        let value: String? =
            switch name {
            case "fatalWithoutAlternatives": fatalWithoutAlternatives
            case "informedConsent": informedConsent
            case "eligibleForClinicalTrial": eligibleForClinicalTrial
            case "clinicallyExceptional": clinicallyExceptional
            case "trustPays": trustPays
            case "helfoRefused": helfoRefused
            case "generalShortagePermission": generalShortagePermission
            default: nil
            }
        return value == "on" || value == "true"
    }

    var wantsDecision: Bool { action == "decide" }

    /// The same scenario JSON the API takes, so the page and the API share one parser and one engine.
    var scenarioJSON: JSONValue {
        var object: [String: JSONValue] = [:]
        let text = { (value: String?) -> JSONValue in
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return .null }
            return .string(value)
        }
        object["medicineId"] = text(medicineId)
        object["indication"] = text(indication?.uppercased())
        object["date"] = text(date.map(PathwayForm.isoDate(fromUserInput:)))
        object["patient"] = .object([
            "species": text(species),
            "fatalWithoutAlternatives": .bool(isChecked("fatalWithoutAlternatives")),
            "informedConsent": .bool(isChecked("informedConsent")),
            "eligibleForClinicalTrial": .bool(isChecked("eligibleForClinicalTrial")),
            "clinicallyExceptional": .bool(isChecked("clinicallyExceptional")),
        ])
        object["applicant"] = .object(["kind": text(applicantKind), "setting": text(setting)])
        for name in ["trustPays", "helfoRefused", "generalShortagePermission"] {
            object[name] = .bool(isChecked(name))
        }
        switch indicationCovered {
        case "true": object["indicationCovered"] = .bool(true)
        case "false": object["indicationCovered"] = .bool(false)
        default: break
        }
        return .object(object)
    }

    /// Accepts the UI's DD.MM.YYYY and ISO dates; anything else is passed on for the parser to name.
    /// A date typed as DD.MM.YYYY (pages) or YYYY-MM-DD (API); `nil` when it is neither or no such day exists.
    static func date(fromUserInput input: String) -> CalendarDate? {
        CalendarDate(iso: isoDate(fromUserInput: input))
    }

    static func isoDate(fromUserInput input: String) -> String {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
            parts[2].count == 4,
            let date = CalendarDate(year: y, month: m, day: d)
        else { return trimmed }
        return date.iso
    }
}
