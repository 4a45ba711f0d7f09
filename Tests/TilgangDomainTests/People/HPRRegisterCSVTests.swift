import Testing

@testable import TilgangDomain

/// The trust's HPR register file: every row checked before anything is stored, the first bad one named.
@Suite struct HPRRegisterCSVTests {
    static let header = HPRRegisterCSV.columns.joined(separator: ",")

    @Test func readsProfessionsAndSpecialities() throws {
        let entries = try HPRRegisterCSV.parse(
            """
            \u{FEFF}\(Self.header)
            9144889,Åse Ødegård Ærø,lege,spesialist i nevrologi; spesialist i indremedisin
            " 1234567 ","Bjørn Tannberg",Tannlege,
            55512,Vera Veterinær,veterinær,
            """)
        #expect(entries.count == 3)
        #expect(entries[0].name == "Åse Ødegård Ærø")
        #expect(
            entries[0].authorisation
                == Authorisation(
                    hprNumber: "9144889", profession: .physician,
                    specialities: ["spesialist i nevrologi", "spesialist i indremedisin"]))
        #expect(entries[1].authorisation.hprNumber == "1234567" && entries[1].authorisation.profession == .dentist)
        #expect(entries[2].authorisation.profession == .veterinarian && entries[2].authorisation.specialities.isEmpty)
    }

    @Test(arguments: [
        ("12ab567,Navn,lege,", "line 3", "hpr_number"),
        ("1234567,,lege,", "line 3", "name"),
        ("1234567,Navn,sykepleier,", "line 3", "profession: bruk lege, tannlege eller veterinær"),
        ("1234567,Navn,lege", "line 3", "har 3 felt"),
        ("9144889,Navn To,lege,", "line 3", "9144889 står to ganger"),
    ])
    func theFirstBadRowIsNamed(row: String, field: String, message: String) {
        let text = "\(Self.header)\n9144889,Åse Ødegård,lege,\n\(row)\n1111,Siste,lege,\n"
        #expect {
            try HPRRegisterCSV.parse(text)
        } throws: { error in
            guard let failure = error as? ValidationFailure, let first = failure.errors.first else { return false }
            return first.field == field && first.message.contains(message)
        }
    }

    @Test func aWrongHeaderOrAnEmptyFileIsRefused() {
        #expect(throws: ValidationFailure.self) { try HPRRegisterCSV.parse("hpr,navn\n1234,A\n") }
        #expect(throws: ValidationFailure.self) { try HPRRegisterCSV.parse("\(Self.header)\n") }
    }
}
