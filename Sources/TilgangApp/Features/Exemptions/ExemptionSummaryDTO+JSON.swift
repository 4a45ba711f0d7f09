import Foundation
import TilgangDomain

// The desk's lists, written field by field (`JSONWriter`): `JSONEncoder` was a sixth of a queue page's CPU
// (bench/scale). A field added to the DTO must be added here too: `JSONWriterTests` fails when the two disagree.

extension ExemptionSummaryDTO: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("reference", reference)
        json.field("kind", kind)
        json.field("state", state)
        json.field("stateTitle", stateTitle)
        json.field("medicineName", medicineName)
        json.field("prescriberName", prescriberName)
        json.field("applicantKind", applicantKind)
        json.field("validFrom", validFrom)
        json.field("validUntil", validUntil)
        json.field("validity", validity)
        json.field("createdAt", createdAt)
        json.field("receivedOn", receivedOn)
        json.field("deadline", deadline)
        json.field("overdue", overdue)
        json.endObject()
    }
}

extension CalendarDate: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(iso) }
}
