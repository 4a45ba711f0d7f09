import Foundation

/// Collects field errors while input is read; shared by the readers of one document.
public final class FieldErrorCollector {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }
}

/// Reads the fields of one JSON object, recording an error that names the field for every
/// missing, mistyped, unknown or out-of-range value. Absent optional fields get the given default.
public struct FieldReader {
    let path: String
    let object: [String: JSONValue]
    let collector: FieldErrorCollector

    /// Returns `nil` (and records an error) when `value` is not an object.
    public init?(_ value: JSONValue, path: String, collector: FieldErrorCollector) {
        guard case .object(let object) = value else {
            collector.add(path.isEmpty ? "$" : path, "må være et JSON-objekt, fikk \(value.kindName)")
            return nil
        }
        self.path = path
        self.object = object
        self.collector = collector
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Records an error for every key the reader does not know, so a misspelt field is never silently ignored.
    public func rejectUnknownKeys(allowed: Set<String>) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            collector.add(fieldPath(key), "ukjent felt")
        }
    }

    public func has(_ key: String) -> Bool {
        if case .some(.null) = object[key] { return false }
        return object[key] != nil
    }

    public func value(_ key: String) -> JSONValue? { object[key] }

    public func string(_ key: String, required: Bool) -> String? {
        switch object[key] {
        case nil, .null?:
            if required { collector.add(fieldPath(key), "mangler") }
            return nil
        case .string(let value)?:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if required { collector.add(fieldPath(key), "kan ikke være tom") }
                return nil
            }
            return trimmed
        case let other?:
            collector.add(fieldPath(key), "må være tekst, fikk \(other.kindName)")
            return nil
        }
    }

    public func bool(_ key: String, default defaultValue: Bool) -> Bool {
        optionalBool(key) ?? defaultValue
    }

    public func optionalBool(_ key: String) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?:
            collector.add(fieldPath(key), "må være true eller false, fikk \(other.kindName)")
            return nil
        }
    }

    public func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let value)?:
            guard range.contains(value) else {
                collector.add(fieldPath(key), "må være mellom \(range.lowerBound) og \(range.upperBound)")
                return nil
            }
            return value
        case let other?:
            collector.add(fieldPath(key), "må være et tall eller null, fikk \(other.kindName)")
            return nil
        }
    }

    public func date(_ key: String, required: Bool) -> CalendarDate? {
        guard let text = string(key, required: required) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            collector.add(fieldPath(key), "«\(text)» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)")
            return nil
        }
        return date
    }

    /// Reads one of the enum's raw values; lists the accepted ones when the value is unknown.
    public func choice<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool) -> E?
    where E.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = E(rawValue: text) else {
            let accepted = E.allCases.map(\.rawValue).joined(separator: ", ")
            collector.add(fieldPath(key), "ukjent verdi «\(text)»; gyldige verdier: \(accepted)")
            return nil
        }
        return value
    }

    /// Reads a list of strings, each checked by `isValid`; `describe` says what was expected.
    public func stringList(_ key: String, describe: String, isValid: (String) -> Bool) -> [String] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            var result: [String] = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(fieldPath(key))[\(index)]"
                guard case .string(let raw) = item else {
                    collector.add(itemPath, "må være tekst, fikk \(item.kindName)")
                    continue
                }
                let text = raw.trimmingCharacters(in: .whitespaces)
                guard isValid(text) else {
                    collector.add(itemPath, "«\(text)» er ikke \(describe)")
                    continue
                }
                result.append(text)
            }
            return result
        case let other?:
            collector.add(fieldPath(key), "må være en liste, fikk \(other.kindName)")
            return []
        }
    }

    public func object(_ key: String, required: Bool) -> FieldReader? {
        switch object[key] {
        case nil, .null?:
            if required { collector.add(fieldPath(key), "mangler") }
            return nil
        case let value?:
            return FieldReader(value, path: fieldPath(key), collector: collector)
        }
    }
}
