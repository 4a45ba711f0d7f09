/// RFC 4180 output for reports.
public enum ExtractCSV {
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The report as the agency's table: `atc_code,substance,dispensings,packages,ddd,marker`.
    public static func table(_ report: UnregisteredReport) -> String {
        var lines = ["atc_code,substance,dispensings,packages,ddd,marker"]
        for line in report.top {
            lines.append(
                [
                    line.atc, field(line.substance), String(line.dispensings), String(line.packages),
                    line.ddd.map(String.init) ?? "", line.marker ?? "",
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
