import Foundation

/// What an applicant changed in an application that came back to them (returned, or more information asked
/// for): the fields, before and after, kept on the case's history so every later step sees what changed since it
/// last looked (issue 17: "changes shown as a diff in the history").
public enum CaseAmendment {
    public struct Change: Codable, Hashable, Sendable {
        /// The field's name in the form and the API (`justification`); the page shows its Norwegian label.
        public let field: String
        public let before: String
        public let after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// The fields whose value differs, in the order of `fields` (the form's order). A field missing from one side
    /// counts as empty.
    public static func changes(fields: [String], before: [String: String], after: [String: String]) -> [Change] {
        fields.compactMap { field in
            let old = before[field] ?? ""
            let new = after[field] ?? ""
            return old == new ? nil : Change(field: field, before: old, after: new)
        }
    }

    public static func json(_ changes: [Change]) -> String? {
        guard !changes.isEmpty, let data = try? JSONEncoder().encode(changes) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static func changes(fromJSON text: String) -> [Change]? {
        try? JSONDecoder().decode([Change].self, from: Data(text.utf8))
    }
}
