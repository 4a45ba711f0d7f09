import Foundation
import Testing
import TilgangDomain
import Vapor

@testable import TilgangApp

/// `JSONWriter` must send what Vapor's `JSONEncoder` would for the same DTO: same members, same values.
@Suite struct JSONWriterTests {
    static let awkward = "«Sitat» \"i\" \\ bak/skrå\n\tlinje\u{01}\u{1F} æøå ÆØÅ 💊 \u{2028}"

    /// Both encodings, parsed back into Foundation values and compared.
    static func expectSameJSON(
        _ value: some JSONWritable & Encodable, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
        var buffer = ByteBuffer()
        var headers = HTTPHeaders()
        try encoder.encode(value, to: &buffer, headers: &headers)
        let expected = try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
        var json = JSONWriter()
        value.write(to: &json)
        let written = try JSONSerialization.jsonObject(with: Data(buffer: json.buffer), options: [.fragmentsAllowed])
        #expect(
            NSArray(object: expected).isEqual(NSArray(object: written)),
            "encoder: \(expected)\nwriter: \(written)", sourceLocation: sourceLocation)
    }

    static func transition(full: Bool) -> CaseDTO.Transition {
        .init(
            from: "director_decision", to: "approved", action: "approve", actor: awkward, actorRole: "medical_director",
            actorTrust: "HB", onBehalfOf: full ? "Stedfortreder" : nil, comment: full ? awkward : nil,
            benefit: full ? "Stor" : nil, resourceUse: full ? "Moderat" : nil, severity: full ? "Alvorlig" : nil,
            at: Date(timeIntervalSince1970: 1_795_595_441.9996), assessmentKind: full ? "recommend_refusal" : nil,
            assessment: full ? awkward : nil, members: full ? [awkward, "Åse Øren"] : nil,
            amendments: full ? [.init(field: "justification", before: awkward, after: "Ny «tekst»\n")] : nil)
    }

    static func caseDTO(full: Bool) -> CaseDTO {
        CaseDTO(
            id: UUID(), caseNumber: "HB-2026-000024", trust: "HB", department: "HB-NEV", kind: "individual",
            patientNIN: full ? "15038510190" : nil, patientTrust: "SI", crossTrust: full,
            groupDescription: full ? awkward : nil, groupSize: full ? -12 : nil, medicineId: "mabthera",
            medicineName: "MabThera", indication: "G35", dosage: awkward, treatmentDuration: "12 måneder",
            justification: awkward, alternatives: "", expectedBenefit: "Færre attakker", costEstimate: "0",
            patientInformed: true, route: "off_label", routeRules: full ? ["R2", "R13"] : [],
            routeExplanation: awkward, state: "approved", stateTitle: "Godkjent", chainVersion: 1,
            version: Int.max, createdAt: full ? Date(timeIntervalSince1970: -86_401.5) : nil,
            decidedAt: full ? Date() : nil, transitions: full ? [transition(full: true), transition(full: false)] : [],
            guidance: full ? .init(inHospitalUse: awkward, prescription: "Resept", exemptionStep: "Søk") : nil,
            exemptionApplication: full
                ? .init(
                    route: "exemption", prescriberName: awkward, prescriberHPR: "1234567", patientNIN: nil,
                    group: "Gruppe", medicineName: "X", atc: "L01", strengthAndForm: "1 mg", indication: "G35",
                    dosage: "1", duration: "2", medicalJustification: awkward, trustCaseNumber: "HB-1",
                    trustApprovedOn: "25.11.2026")
                : nil,
            retentionYears: 10, revisesCaseId: full ? UUID() : nil)
    }

    @Test func aCaseIsWrittenAsTheEncoderWritesIt() throws {
        try Self.expectSameJSON(Self.caseDTO(full: true))
        try Self.expectSameJSON(Self.caseDTO(full: false))
    }

    @Test func aWorkListIsWrittenAsTheEncoderWritesIt() throws {
        let summaries = (0..<3).map { index in
            CaseSummaryDTO(
                id: UUID(), caseNumber: "SI-2026-00000\(index)", kind: "group", medicineName: Self.awkward,
                indication: "E66", state: "draft", stateTitle: "Utkast", trust: "SI", department: "SI-MED",
                createdAt: index == 0 ? nil : Date(timeIntervalSince1970: Double(index) * 1e9), version: index,
                applicantName: index == 1 ? nil : Self.awkward,
                patientBirthYear: index == 2 ? nil : 1956,
                waitingSince: index == 0 ? nil : Date(timeIntervalSince1970: 1e9))
        }
        try Self.expectSameJSON(summaries)
        try Self.expectSameJSON([CaseSummaryDTO]())
    }

    @Test func anExemptionListIsWrittenAsTheEncoderWritesIt() throws {
        let from = try #require(CalendarDate(year: 2026, month: 1, day: 9))
        let until = try #require(CalendarDate(year: 2027, month: 12, day: 31))
        let received = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let deadline = try #require(CalendarDate(year: 2026, month: 12, day: 2))
        let rows: [ExemptionSummaryDTO] = (0..<3).map { index in
            let created: Date? = index == 0 ? nil : Date(timeIntervalSince1970: Double(index) * 1e9)
            return ExemptionSummaryDTO(
                id: UUID(), reference: "FR-2026-00000\(index)", kind: "agency_application", state: "received",
                stateTitle: Self.awkward, medicineName: Self.awkward, prescriberName: "Åse Ærlig Øien",
                applicantKind: "prescriber", validFrom: from, validUntil: until, validity: "12 måneder",
                createdAt: created, receivedOn: index == 1 ? nil : received, deadline: index == 1 ? nil : deadline,
                overdue: index == 2)
        }
        try Self.expectSameJSON(rows)
        let fields = Set(Mirror(reflecting: rows[2]).children.compactMap(\.label))
        var json = JSONWriter()
        rows[2].write(to: &json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.buffer)) as? [String: Any])
        #expect(Set(object.keys) == fields)
    }

    /// Every member of the full DTO is present: a field added to `CaseDTO` but not to its `write(to:)` fails here.
    @Test func everyFieldIsWritten() throws {
        var json = JSONWriter()
        Self.caseDTO(full: true).write(to: &json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.buffer)) as? [String: Any])
        let fields = Set(Mirror(reflecting: Self.caseDTO(full: true)).children.compactMap(\.label))
        #expect(Set(object.keys) == fields)
        let transition = try #require((object["transitions"] as? [[String: Any]])?.first)
        #expect(
            Set(transition.keys) == Set(Mirror(reflecting: Self.transition(full: true)).children.compactMap(\.label)))
    }

    /// UUIDs and dates are written into the buffer in place, between other members: the bytes around them and a
    /// date whose year does not fit in four digits (written the long way) come out as the encoder's.
    @Test(arguments: [-2_208_988_800.5, 0, 1_764_400_000.999, 253_402_300_799, 253_402_300_800, 400_000_000_000])
    func idsAndDatesWrittenInPlaceAreTheEncodersBytes(secondsSince1970: Double) throws {
        struct Row: Encodable, JSONWritable {
            let id: UUID
            let at: Date
            let after: [Date]
            // In the encoder's sorted order, so the two can be compared byte for byte.
            func write(to json: inout JSONWriter) {
                json.beginObject()
                json.field("after", after)
                json.field("at", at)
                json.field("id", id)
                json.endObject()
            }
        }
        // given
        let date = Date(timeIntervalSince1970: secondsSince1970)
        let row = Row(id: UUID(), at: date, after: [date, Date(timeIntervalSince1970: 0), date])
        // when
        var json = JSONWriter()
        row.write(to: &json)
        // then: the very bytes the encoder writes
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let expected = String(decoding: try encoder.encode(row), as: UTF8.self)
        #expect(String(buffer: json.buffer) == expected, "writer: \(String(buffer: json.buffer))\nencoder: \(expected)")
    }

    @Test func controlCharactersAndQuotesAreEscaped() throws {
        var json = JSONWriter()
        "a\"b\\c\nd\u{01}".write(to: &json)
        #expect(String(buffer: json.buffer) == #""a\"b\\c\nd\u0001""#)
    }
}
