import Foundation

/// A text a person wrote for the manufacturer, without who the patient is (SPEC §7: "no sensitive patient data to
/// the manufacturer"). The only way to make one is to pass `check`, which looks for national identity numbers,
/// the patient's names, birth dates, phone numbers and street addresses.
///
/// The check is a safety net for the writer, not a guarantee: it cannot know every way a patient can be
/// recognised, so the writer remains responsible for the text.
public struct DeidentifiedText: Hashable, Sendable {
    public let text: String

    /// The longest text accepted, in characters.
    public static let maximumLength = 20_000

    /// The text, trimmed, when `check` finds nothing.
    public init(_ text: String, patientNames: [String], birthDate: CalendarDate?) throws(ValidationFailure) {
        let errors = Self.check(text, patientNames: patientNames, birthDate: birthDate)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Everything in `text` that could tell who the patient is, one error per kind with the lines it was found
    /// on. The messages never repeat what was found, so an error that is logged leaks nothing.
    ///
    /// - Parameters:
    ///   - patientNames: the patient's names as written anywhere (given name, surname, full name); each part of
    ///     two letters or more is looked for as a word, also in the genitive ("Olas").
    ///   - birthDate: the patient's birth date, when known; found as DD.MM.YYYY, D.M.YY, DDMMYY, YYYY-MM-DD,
    ///     DDMMYYYY and "15. mars 1985". Any DD.MM.YYYY date next to «født», «fødd», «fødselsdato» or «f.» counts
    ///     as a birth date too.
    ///   - field: the form field the errors name.
    public static func check(
        _ text: String, patientNames: [String], birthDate: CalendarDate?, field: String = "deidentifiedText"
    ) -> [FieldError] {
        if text.allSatisfy(\.isWhitespace) {
            return [FieldError(field: field, message: "Teksten er tom. Skriv en tekst uten pasientopplysninger.")]
        }
        let count = text.count
        if count > maximumLength {
            return [
                FieldError(
                    field: field,
                    message: "Teksten er for lang: høyst \(grouped(maximumLength)) tegn, denne har \(grouped(count)).")
            ]
        }
        let scan = Scan(text)
        var found: [Finding: Set<Int>] = [:]
        func record(_ finding: Finding, at offset: Int) { found[finding, default: []].insert(scan.line(at: offset)) }

        for (finding, offset) in scan.numbers(birthDate: birthDate) { record(finding, at: offset) }
        for offset in scan.names(patientNames) { record(.name, at: offset) }
        for offset in scan.writtenDates(birthDate: birthDate) { record(.birthDate, at: offset) }
        for offset in scan.streetAddresses() { record(.streetAddress, at: offset) }

        return Finding.allCases.compactMap { finding in
            found[finding].map { FieldError(field: field, message: finding.message(lines: $0.sorted())) }
        }
    }

    /// What the check looks for, in the order the errors are given.
    enum Finding: CaseIterable {
        case nationalIdentityNumber
        case name
        case birthDate
        case phoneNumber
        case streetAddress

        func message(lines: [Int]) -> String {
            let whereFound = (lines.count == 1 ? "linje " : "linjene ") + listed(lines.map(String.init))
            return switch self {
            case .nationalIdentityNumber:
                "Teksten inneholder et fødselsnummer eller D-nummer (\(whereFound)). Fjern det: produsenten skal "
                    + "ikke få opplysninger som identifiserer pasienten."
            case .name:
                "Teksten nevner pasientens navn (\(whereFound)). Skriv «pasienten» i stedet."
            case .birthDate:
                "Teksten inneholder pasientens fødselsdato (\(whereFound)). Oppgi alder i stedet."
            case .phoneNumber:
                "Teksten inneholder et telefonnummer (\(whereFound)). Fjern det."
            case .streetAddress:
                "Teksten inneholder en gateadresse (\(whereFound)). Fjern den; skriv eventuelt bare kommunen."
            }
        }
    }
}

extension DeidentifiedText {
    /// "20 000": thousands grouped with a space, as Norwegian writes them.
    static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var out = ""
        while digits.count > 3 {
            out = " " + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// "3", "3 og 7", "3, 7 og 12".
    static func listed(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " og " + last
    }

    /// Names that are also everyday Norwegian words: written in lower case they are the word ("per dag", "liv",
    /// "i mai"), so only a capitalised occurrence counts as the name.
    static let namesThatAreWords: Set<String> = [
        "per", "dag", "liv", "bo", "mai", "vår", "sol", "siv", "stig", "rune", "tone", "finn", "bjørn", "glad",
        "lang", "rask", "vik", "dal", "dale", "berg", "li", "lie", "strand", "bakke", "bakken", "haug", "haugen",
        "hagen", "lund", "holm", "foss", "sand", "eng", "nes", "rød", "vold", "fjell", "stein", "elv", "ask",
        "bjørk", "lind", "gran", "eik", "ring", "sjø", "myr", "mo", "moen", "dahl", "ness",
    ]

    /// A capitalised name's comparison form: lower case without diacritics, with the Norwegian letters and their
    /// spellings without them made equal (Søren, Soeren, Soren; Åse, Aase, Ase; Bræk, Braek).
    static func folded(_ word: Substring) -> String {
        var out = ""
        for character in word.lowercased() {
            switch character {
            case "æ", "ä": out += "a"
            case "ø", "ö": out += "o"
            case "å": out += "a"
            default:
                let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    !(0x300...0x36F).contains($0.value)
                }
                out.unicodeScalars.append(contentsOf: base)
            }
        }
        return out.replacingOccurrences(of: "aa", with: "a").replacingOccurrences(of: "oe", with: "o")
            .replacingOccurrences(of: "ae", with: "a")
    }

    /// The text as characters, with what the detectors share.
    struct Scan {
        let characters: [Character]
        /// The line (from 1) of each character.
        private let lines: [Int]

        init(_ text: String) {
            characters = Array(text)
            var lines: [Int] = []
            lines.reserveCapacity(characters.count)
            var line = 1
            for character in characters {
                lines.append(line)
                if character.isNewline { line += 1 }
            }
            self.lines = lines
        }

        func line(at offset: Int) -> Int { offset < lines.count ? lines[offset] : (lines.last ?? 1) }

        func isDigit(_ i: Int) -> Bool {
            i >= 0 && i < characters.count && characters[i].isASCII && characters[i].isNumber
        }

        func isLetter(_ i: Int) -> Bool { i >= 0 && i < characters.count && characters[i].isLetter }

        /// A maximal run of ASCII digits.
        struct Run {
            let start: Int
            let end: Int
            let digits: String
            var count: Int { end - start }
        }

        var runs: [Run] {
            var runs: [Run] = []
            var i = 0
            while i < characters.count {
                guard isDigit(i) else {
                    i += 1
                    continue
                }
                let start = i
                while isDigit(i) { i += 1 }
                runs.append(Run(start: start, end: i, digits: String(characters[start..<i])))
            }
            return runs
        }

        /// National identity numbers, phone numbers and birth dates written with digits only or with one separator.
        func numbers(birthDate: CalendarDate?) -> [(Finding, Int)] {
            let runs = runs
            var found: [(Finding, Int)] = []
            var identityRuns = Set<Int>()
            // 11 digits, or 6 and 5 with one space between: the number type checks the date and both check digits.
            for (index, run) in runs.enumerated() {
                if run.count == 11, NationalIdentityNumber(run.digits) != nil {
                    found.append((.nationalIdentityNumber, run.start))
                    identityRuns.insert(index)
                } else if run.count == 6, index + 1 < runs.count, runs[index + 1].count == 5,
                    isSpace(between: run, runs[index + 1]),
                    NationalIdentityNumber(run.digits + runs[index + 1].digits) != nil
                {
                    found.append((.nationalIdentityNumber, run.start))
                    identityRuns.formUnion([index, index + 1])
                }
            }
            // A cluster may go on after the number ("912 34 567 2 ganger"), so its beginnings are tried too.
            for cluster in clusters(runs) where cluster.allSatisfy({ !identityRuns.contains($0) }) {
                let members = cluster.map { runs[$0] }
                if let start = (1...members.count).lazy.compactMap({ phoneNumber(Array(members.prefix($0))) }).first {
                    found.append((.phoneNumber, start))
                }
            }
            for index in runs.indices where !identityRuns.contains(index) {
                if isBirthDate(runs, at: index, birthDate: birthDate) { found.append((.birthDate, runs[index].start)) }
            }
            return found
        }

        func isSpace(between a: Run, _ b: Run) -> Bool {
            b.start == a.end + 1 && (characters[a.end] == " " || characters[a.end] == "\u{00A0}")
        }

        /// Runs one space apart ("912 34 567"), as indices into `runs`.
        func clusters(_ runs: [Run]) -> [[Int]] {
            var clusters: [[Int]] = []
            for index in runs.indices {
                if let last = clusters.last?.last, isSpace(between: runs[last], runs[index]) {
                    clusters[clusters.count - 1].append(index)
                } else if let last = clusters.last?.last, runs[last].digits == "47", runs[last].start > 0,
                    characters[runs[last].start - 1] == "+", runs[index].start == runs[last].end + 2,
                    characters[runs[last].end] == ")"
                {
                    // "(+47) 912 34 567"
                    clusters[clusters.count - 1].append(index)
                } else {
                    clusters.append([index])
                }
            }
            return clusters
        }

        /// A Norwegian phone number: eight digits in groups of two to four ("91234567", "912 34 567",
        /// "22 11 22 33"), starting with 2–9, or any eight after +47 or 0047. An unbroken eight-digit date
        /// (YYYYMMDD, DDMMYYYY) is not taken for one.
        func phoneNumber(_ cluster: [Run]) -> Int? {
            var groups = cluster
            var international = false
            if groups.count > 1, groups[0].digits == "47", groups[0].start > 0, characters[groups[0].start - 1] == "+" {
                groups.removeFirst()
                international = true
            } else if groups.count > 1, groups[0].digits == "0047" {
                groups.removeFirst()
                international = true
            } else if groups.count == 1, groups[0].count == 10, groups[0].digits.hasPrefix("47"),
                groups[0].start > 0, characters[groups[0].start - 1] == "+"
            {
                return groups[0].start
            }
            let digits = groups.map(\.digits).joined()
            guard digits.count == 8, groups.allSatisfy({ (2...4).contains($0.count) }) || groups.count == 1 else {
                return nil
            }
            if !international {
                guard let first = digits.first, ("2"..."9").contains(first) else { return nil }
                if groups.count == 1, Scan.eightDigitDate(digits) { return nil }
            }
            return cluster[0].start
        }

        static func eightDigitDate(_ digits: String) -> Bool {
            let n = digits.compactMap(\.wholeNumberValue)
            let ymd = CalendarDate(
                year: n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3], month: n[4] * 10 + n[5], day: n[6] * 10 + n[7])
            let dmy = CalendarDate(
                year: n[4] * 1000 + n[5] * 100 + n[6] * 10 + n[7], month: n[2] * 10 + n[3], day: n[0] * 10 + n[1])
            return [ymd, dmy].contains { $0.map { (1900...2099).contains($0.year) } ?? false }
        }

        /// Whether the run starting at `index` writes `birthDate` (DDMMYY, DDMMYYYY, YYYYMMDD, a DDMMYY-prefixed
        /// 11-digit number with wrong check digits, D.M.YYYY, DD.MM.YY, YYYY-MM-DD), or is a DD.MM.YYYY date next
        /// to a word for birth.
        func isBirthDate(_ runs: [Run], at index: Int, birthDate: CalendarDate?) -> Bool {
            let run = runs[index]
            if let birthDate {
                let dd = TextFormat.zeroPadded(birthDate.day, width: 2)
                let mm = TextFormat.zeroPadded(birthDate.month, width: 2)
                let yyyy = TextFormat.zeroPadded(birthDate.year, width: 4)
                let compact: Set<String> = [dd + mm + yyyy.suffix(2), dd + mm + yyyy, yyyy + mm + dd]
                if compact.contains(run.digits) || (run.count == 11 && run.digits.hasPrefix(dd + mm + yyyy.suffix(2))) {
                    return true
                }
            }
            guard let (date, end) = separatedDate(runs, at: index) else { return false }
            if let birthDate, date.matches(birthDate) { return true }
            return date.fullYear && nearBirthWord(start: run.start, end: end)
        }

        struct WrittenDate {
            let day: Int
            let month: Int
            let year: Int
            /// Four digits in the year.
            let fullYear: Bool

            func matches(_ date: CalendarDate) -> Bool {
                day == date.day && month == date.month && (fullYear ? year == date.year : year == date.year % 100)
            }
        }

        /// D.M.YYYY, DD.MM.YY (also with / or -) or YYYY-MM-DD starting at run `index`, with where it ends.
        func separatedDate(_ runs: [Run], at index: Int) -> (WrittenDate, Int)? {
            guard index + 2 < runs.count else { return nil }
            let (a, b, c) = (runs[index], runs[index + 1], runs[index + 2])
            guard b.start == a.end + 1, c.start == b.end + 1 else { return nil }
            let first = characters[a.end]
            let second = characters[b.end]
            // Not the tail of a longer dotted number ("1.2.3.2020").
            let continues = a.start >= 2 && characters[a.start - 1] == first && isDigit(a.start - 2)
            guard first == second, [".", "/", "-"].contains(first), !isDigit(c.end), !continues else { return nil }
            if a.count == 4, b.count == 2, c.count == 2, first == "-", let y = Int(a.digits), let m = Int(b.digits),
                let d = Int(c.digits)
            {
                return (WrittenDate(day: d, month: m, year: y, fullYear: true), c.end)
            }
            guard (1...2).contains(a.count), (1...2).contains(b.count), [2, 4].contains(c.count), let d = Int(a.digits),
                let m = Int(b.digits), let y = Int(c.digits)
            else { return nil }
            return (WrittenDate(day: d, month: m, year: y, fullYear: c.count == 4), c.end)
        }

        /// «født», «fødd», «fødsel…», «fdt.» or «f.» (not «f.eks.») within 40 characters before the date or 20
        /// after it.
        func nearBirthWord(start: Int, end: Int) -> Bool {
            let from = max(0, start - 40)
            let to = min(characters.count, end + 20)
            let window = characters[from..<to].map { $0.lowercased().first ?? $0 }
            for i in window.indices where i == 0 || !window[i - 1].isLetter {
                let rest = window[i...]
                if rest.starts(with: "født") || rest.starts(with: "fødd") || rest.starts(with: "fødsel")
                    || rest.starts(with: "fdt")
                {
                    return true
                }
                if rest.starts(with: "f."), i + 2 == window.count || window[i + 2] == " " || window[i + 2].isNumber {
                    return true
                }
            }
            return false
        }

        /// "15. mars 1985", "15 mars 1985": the birth date, or any such date next to a word for birth.
        func writtenDates(birthDate: CalendarDate?) -> [Int] {
            let text = String(characters)
            let months = [
                "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
                "november", "desember",
            ]
            var found: [Int] = []
            for match in text.matches(of: /([0-9]{1,2})\.? +(\p{L}+)\.? +([0-9]{4})/) {
                let name = match.output.2.lowercased()
                guard name.count >= 3,
                    let month = months.firstIndex(where: { $0.hasPrefix(name) }).map({ $0 + 1 }),
                    let day = Int(match.output.1), let year = Int(match.output.3)
                else { continue }
                let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
                let end = text.distance(from: text.startIndex, to: match.range.upperBound)
                guard !isDigit(start - 1), !isDigit(end) else { continue }
                let date = WrittenDate(day: day, month: month, year: year, fullYear: true)
                if birthDate.map(date.matches) == true || nearBirthWord(start: start, end: end) { found.append(start) }
            }
            return found
        }

        /// Every occurrence of a part of the patient's names as a word of the text.
        func names(_ patientNames: [String]) -> [Int] {
            let parts = Set(
                patientNames.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.filter { $0.count >= 2 }.map {
                    $0.lowercased()
                })
            guard !parts.isEmpty else { return [] }
            let foldedParts = Set(parts.map { DeidentifiedText.folded(Substring($0)) })
            var found: [Int] = []
            var i = 0
            while i < characters.count {
                guard characters[i].isLetter else {
                    i += 1
                    continue
                }
                let start = i
                while isLetter(i) { i += 1 }
                let word = String(characters[start..<i])
                let lower = word.lowercased()
                if characters[start].isUppercase {
                    let folded = DeidentifiedText.folded(Substring(word))
                    let stem = folded.hasSuffix("s") ? String(folded.dropLast()) : nil
                    if foldedParts.contains(folded) || stem.map(foldedParts.contains) == true { found.append(start) }
                } else {
                    let stem = lower.hasSuffix("s") ? String(lower.dropLast()) : nil
                    let part = parts.contains(lower) ? lower : stem.flatMap { parts.contains($0) ? $0 : nil }
                    if let part, !DeidentifiedText.namesThatAreWords.contains(part) { found.append(start) }
                }
            }
            return found
        }

        /// «<word>veien|gata|gate|vegen|vei|veg|allé <number>», also as separate words ("Kongens gate 1").
        func streetAddresses() -> [Int] {
            let text = String(characters)
            var found: [Int] = []
            for match in text.matches(of: /(\p{L}*)(veien|gata|gate|vegen|vei|veg|allé) +[0-9]{1,4}/.ignoresCase()) {
                let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
                let end = text.distance(from: text.startIndex, to: match.range.upperBound)
                guard !isLetter(start - 1), !isDigit(end) else { continue }
                found.append(start)
            }
            return found
        }
    }
}
