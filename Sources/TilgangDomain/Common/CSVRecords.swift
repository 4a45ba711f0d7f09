/// Splits small CSV files (RFC 4180: quoted fields may hold commas, quotes as `""` and line breaks) into records,
/// each with the line it starts on, so an import can name the first bad line. Large extracts use `ExtractReader`.
public enum CSVRecords {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// The records after a header that must be exactly `columns` (a leading byte-order mark is dropped); a wrong
    /// header is named as line 1.
    public static func rows(_ text: String, columns: [String]) throws(ValidationFailure) -> ArraySlice<Record> {
        let records = try parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = records.first, header.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) == columns
        else {
            throw ValidationFailure(field: "line 1", message: "forventet kolonnene \(columns.joined(separator: ","))")
        }
        return records.dropFirst()
    }

    public static func parse(_ text: String) throws(ValidationFailure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil

        func endRecord() {
            fields.append(field)
            field = ""
            // A blank line is no record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default: field.append(character)
            }
        }
        if quoted {
            throw ValidationFailure(field: "line \(recordLine)", message: "anførselstegnet lukkes aldri")
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
