/// RFC 4180 output for reports.
public enum ExtractCSV {
    /// A text cell. One that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return) gets a leading apostrophe (OWASP's CSV injection advice), so it is shown, not run.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The report as the agency's table: `atc_code,substance,dispensings,packages,ddd,marker`; suppressed counts
    /// are `<5`.
    public static func table(_ report: UnregisteredReport) -> String {
        var lines = ["atc_code,substance,dispensings,packages,ddd,marker"]
        for line in report.top {
            lines.append(
                [
                    field(line.atc), field(line.substance), line.dispensings.description, line.packages.description,
                    line.ddd?.description ?? "", line.marker ?? "",
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The report as JSON in the issue's key order (Foundation's encoder on Linux does not keep key order).
public enum ReportJSON {
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Suppressed counts are the string `"<5"`, shown ones numbers.
    public static func render(_ report: UnregisteredReport) -> String {
        let lines = report.top.map { line in
            "{\"atc\":\(string(line.atc)),\"substance\":\(string(line.substance)),"
                + "\"dispensings\":\(line.dispensings.json),\"packages\":\(line.packages.json),"
                + "\"ddd\":\(line.ddd?.json ?? "null"),\"marker\":\(line.marker.map(string) ?? "null")}"
        }
        return "{\"year\":\(report.year),\"species\":\(string(report.species)),"
            + "\"distinctUnregisteredProducts\":\(report.distinctUnregisteredProducts.json),"
            + "\"top\":[\(lines.joined(separator: ","))]}"
    }
}
