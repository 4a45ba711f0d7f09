import Testing

@testable import TilgangDomain

/// The agency's notification-country list (R7), read from its CSV form.
@Suite struct NotificationCountryListTests {
    static let header = "iso_code,name_no,eea,listed_pics_or_mra,mra"

    @Test func parsesTheColumns() throws {
        // given
        let csv = Fixtures.countriesCSV
        // when
        let list = try NotificationCountryList(csv: csv)
        // then
        #expect(list.countries.count == 4)
        let germany = try #require(list.countries["DE"])
        #expect(germany.norwegianName == "Tyskland")
        #expect(germany.eea && germany.picsOrMRA && !germany.mra)
        let bulgaria = try #require(list.countries["BG"])
        #expect(bulgaria.eea && !bulgaria.picsOrMRA && !bulgaria.mra)
        let usa = try #require(list.countries["US"])
        #expect(!usa.eea && usa.picsOrMRA)
        let india = try #require(list.countries["IN"])
        #expect(!india.eea && !india.picsOrMRA && !india.mra)
    }

    @Test(arguments: [("DE", true), ("BG", true), ("US", true), ("CH", true), ("IN", false)])
    func aCountryQualifiesByAnyOfTheThreeColumns(code: String, qualifies: Bool) throws {
        // given
        let csv = Fixtures.countriesCSV + "\nCH,Sveits,no,no,yes"
        // when
        let list = try NotificationCountryList(csv: csv)
        // then
        #expect(try #require(list.countries[code]).qualifies == qualifies)
    }

    @Test func qualifyingKeepsTheGivenOrderAndDropsUnknownAndNonQualifyingCountries() throws {
        // given
        let list = try NotificationCountryList(csv: Fixtures.countriesCSV)
        // when
        let qualifying = list.qualifying(["IN", "US", "XX", "DE", "BG", "de"])
        // then
        #expect(qualifying.map(\.code) == ["US", "DE", "BG"])
    }

    @Test func qualifyingOfNothingIsEmpty() throws {
        // given
        let list = try NotificationCountryList(csv: Fixtures.countriesCSV)
        // when
        let qualifying = list.qualifying(["IN"]) + list.qualifying([])
        // then
        #expect(qualifying.isEmpty)
    }

    @Test func windowsLineEndingsAndATrailingNewlineAreAccepted() throws {
        // given
        let csv = Self.header + "\r\nDE,Tyskland,yes,yes,no\r\nIN,India,no,no,no\r\n"
        // when
        let list = try NotificationCountryList(csv: csv)
        // then
        #expect(list.countries.keys.sorted() == ["DE", "IN"])
        #expect(list.countries["IN"]?.mra == false)
    }

    @Test func aHeaderOnlyListIsEmpty() throws {
        // given
        let csv = Self.header + "\n"
        // when
        let list = try NotificationCountryList(csv: csv)
        // then
        #expect(list.countries.isEmpty)
    }

    @Test(arguments: ["", "code,name,eea,pics,mra\nDE,Tyskland,yes,yes,no", "DE,Tyskland,yes,yes,no"])
    func aMissingOrWrongHeaderNamesLine1(csv: String) {
        // given
        let text = csv
        // when
        let failure = #expect(throws: ValidationFailure.self) { try NotificationCountryList(csv: text) }
        // then
        #expect(failure?.fields == ["line 1"])
    }

    @Test(arguments: [
        "FR,Frankrike,ja,yes,no", "FR,Frankrike,yes,yes", "FR,Frankrike,yes,yes,no,extra", "fr,Frankrike,yes,yes,no",
        "FRA,Frankrike,yes,yes,no", "FR,Frankrike,yes,YES,no", "FR,Frankrike,yes,yes,",
    ])
    func aMalformedRowNamesItsLine(row: String) {
        // given
        let csv = Self.header + "\nDE,Tyskland,yes,yes,no\n" + row + "\nIN,India,no,no,no"
        // when
        let failure = #expect(throws: ValidationFailure.self) { try NotificationCountryList(csv: csv) }
        // then
        #expect(failure?.fields == ["line 3"])
        #expect(failure?.errors.first?.message.contains(row) == true)
    }

    @Test func aMalformedRowAfterABlankLineNamesItsLineInTheFile() {
        // given: line 3 is blank, the malformed row is line 4 of the file
        let csv = Self.header + "\nDE,Tyskland,yes,yes,no\n\nFR,Frankrike,ja,yes,no"
        // when
        let failure = #expect(throws: ValidationFailure.self) { try NotificationCountryList(csv: csv) }
        // then
        #expect(failure?.fields == ["line 4"])
    }

    @Test func theListIsBuiltFromCountryValuesToo() {
        // given
        let countries = [
            NotificationCountryList.Country(
                code: "SE", norwegianName: "Sverige", eea: true, picsOrMRA: true, mra: false)
        ]
        // when
        let list = NotificationCountryList(countries: countries)
        // then
        #expect(list.qualifying(["SE"]).map(\.norwegianName) == ["Sverige"])
    }
}
