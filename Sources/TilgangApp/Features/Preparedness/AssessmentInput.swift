import Vapor

/// Levels and evidence per criterion id; criteria left out keep their assessment.
struct AssessmentInput: Content {
    struct Entry: Content {
        var level: Int?
        var evidence: String?
    }

    var criteria: [String: Entry]
}
