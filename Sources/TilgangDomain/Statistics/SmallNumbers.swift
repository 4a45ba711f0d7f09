/// Small-number suppression (seed 004): counts of patients from 1 to 4 leave the system as "<5", so no one can be
/// recognised; 0 and 5 or more are shown as they are.
public enum SmallNumbers {
    public static let threshold = 5

    public static func display(_ count: Int) -> String {
        (1..<threshold).contains(count) ? "<\(threshold)" : String(count)
    }
}
