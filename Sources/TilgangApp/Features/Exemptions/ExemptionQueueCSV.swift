import TilgangDomain
import Vapor

/// The desk's list as CSV for a spreadsheet (text cells neutralised against formulas).
enum ExemptionQueueCSV {
    static func render(_ rows: [ExemptionSummaryDTO]) -> String {
        var lines = ["referanse,type,status,legemiddel,forskriver,mottatt,frist,fristen_er_ute,gyldig_fra,gyldig_til"]
        for row in rows {
            lines.append(
                [
                    ExtractCSV.field(row.reference), ExtractCSV.field(row.kind), ExtractCSV.field(row.stateTitle),
                    ExtractCSV.field(row.medicineName), ExtractCSV.field(row.prescriberName),
                    row.receivedOn?.norwegian ?? "", row.deadline?.norwegian ?? "", row.overdue ? "ja" : "nei",
                    row.validFrom.norwegian, row.validUntil.norwegian,
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
