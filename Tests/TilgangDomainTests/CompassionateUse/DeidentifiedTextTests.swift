import Foundation
import Testing

@testable import TilgangDomain

/// The text for the manufacturer (SPEC §7): written by a person, checked for what tells who the patient is.
@Suite struct DeidentifiedTextTests {
    static let names = ["Per Olav Bakken-Sæther"]
    static let born = Fixtures.date("1961-03-15")

    /// A valid national identity number for 15.03.1961.
    static let nin: String = {
        for individual in 100..<500 {
            if let number = NationalIdentityNumberTests.withCheckDigits("150361" + String(individual)) {
                return number
            }
        }
        fatalError("no valid number")
    }()

    /// What a specialist writes for the manufacturer about an ALS patient: numbers, dates, doses, codes and
    /// everyday words that are also names ("per dag", "falt i bakken", "i mai"), and nothing that identifies.
    static let clean = """
        Søknad om tilgang til ILB (lavmolekylært dekstransulfat) for én pasient – compassionate use named patient

        Bakgrunn
        Pasienten er en mann i begynnelsen av 60-årene med amyotrofisk lateralsklerose (ALS, ICD-10 G12.2), \
        diagnostisert ved nevrologisk avdeling i 2023 etter El Escorial-kriteriene (sannsynlig ALS, \
        laboratoriestøttet). Første symptom var svakhet i høyre hånd våren 2022; sykdommen har siden spredt seg \
        til begge armer og til bulbær muskulatur. ALSFRS-R har falt fra 41/48 ved diagnose til 33/48 ved siste \
        kontroll 12.01.2025, altså et fall på om lag 0,5 poeng per måned. Forsert vitalkapasitet (FVC) var 71 % \
        av forventet i mai 2024 og 62 % i januar 2025. Vekten har gått ned fra 84 kg til 77 kg på ett år.

        Tidligere og nåværende behandling
        Pasienten har brukt riluzol 50 mg to ganger per dag siden diagnosen, uten bivirkninger av betydning. \
        Edaravone er ikke tilgjengelig i Norge og ble vurdert som lite aktuelt. Pasienten deltok ikke i kliniske \
        studier: han oppfylte ikke inklusjonskriteriene i den nordiske studien (NCT04567890, EudraCT \
        2021-001234-56) fordi sykdomsvarigheten var over 24 måneder ved screening. Han er ikke kvalifisert for \
        noen pågående studie i Norden per i dag, jf. oversikt fra Nasjonal kompetansetjeneste for \
        nevromuskulære sykdommer.

        Forløp siste halvår
        I oktober falt pasienten i bakken hjemme og fikk et brudd i venstre håndledd, som ble behandlet konservativt \
        med gips i 6 uker. Han har fått perkutan endoskopisk gastrostomi (PEG) i desember, og bruker \
        hostemaskin 3–4 ganger daglig. Ernæringen er sikret med 1 500 kcal sondeernæring per døgn i tillegg til \
        noe per oral kost. Han bor sammen med ektefellen, har god hjelp fra hjemmesykepleien og ønsker å være \
        hjemme så lenge som mulig. Livskvaliteten beskrives som akseptabel; han opplever livet som meningsfylt \
        og ønsker aktiv behandling.

        Begrunnelse
        ALS er en dødelig sykdom uten kurativ behandling. Det finnes ikke noe godkjent behandlingsalternativ \
        utover riluzol. Fase 2-data for ILB (n = 13 i den åpne studien, publisert 2019) tyder på bedring i \
        ALSFRS-R hos en undergruppe, og preparatet har vært gitt under compassionate use i flere land. \
        Pasienten er informert muntlig og skriftlig om at effekten er usikker, om kjente bivirkninger \
        (reaksjoner på injeksjonsstedet, forlenget blødningstid) og om at behandlingen kan avsluttes når som \
        helst. Informert samtykke er innhentet og dokumentert i journalen 20.01.2025.

        Ønsket behandling
        ILB 1 mg/kg subkutant én gang i uken i 5 uker, deretter ny vurdering. Ved stabil eller bedret ALSFRS-R \
        og akseptable bivirkninger ønskes behandlingen forlenget i inntil 6 måneder. Blodprøver (Hb, \
        trombocytter, APTT, INR, kreatinin, ALAT) tas før hver dose de første 4 ukene. Preparatet leveres via \
        Sykehusapoteket; varenummer 123456 er oppgitt av leverandøren. Behandlingen gis ved nevrologisk \
        poliklinikk, der sykepleiere med erfaring fra subkutane injeksjoner følger pasienten opp. Bivirkninger \
        meldes til Direktoratet for medisinske produkter og til produsenten etter avtalen.

        Oppfølging
        Effekt måles med ALSFRS-R, FVC og vekt hver 4. uke, og med pasientens egen vurdering av funksjon og \
        livskvalitet. Behandlingen avsluttes ved alvorlige bivirkninger, ved raskere fall i ALSFRS-R enn før \
        oppstart (mer enn 1 poeng per måned over to målinger) eller om pasienten ønsker det. Resultatene \
        rapporteres til produsenten uten personidentifiserende opplysninger, med saksreferansen CU-7F3A.

        """

    @Test func aLongCleanTextPasses() throws {
        // given a text of thousands of characters with æøå
        #expect(Self.clean.count > 3_000 && Self.clean.contains("ø") && Self.clean.contains("å"))
        // when
        let errors = DeidentifiedText.check(Self.clean, patientNames: Self.names, birthDate: Self.born)
        // then
        #expect(errors == [])
        let text = try DeidentifiedText(Self.clean, patientNames: Self.names, birthDate: Self.born)
        #expect(text.text == Self.clean.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The same text with the patient written into it, line by line.
    static func withIdentity() -> (String, [Int]) {
        var lines = Self.clean.components(separatedBy: "\n")
        let additions: [(Int, String)] = [
            (0, "Gjelder: Per Olav Bakken-Sæther, fnr. \(nin)"),
            (4, "Pasienten (født 15.03.1961) bor i Kirkeveien 5B, 2317 Hamar."),
            (8, "Pasienten kan nås på tlf. 912 34 567 eller via datteren på +47 41 23 45 67."),
            (12, "Bakkens kone ringer ofte til avdelingen."),
        ]
        for (index, line) in additions.reversed() { lines.insert(line, at: index) }
        let inserted = additions.enumerated().map { position, addition in addition.0 + position + 1 }
        return (lines.joined(separator: "\n"), inserted)
    }

    @Test func everyKindIsNamedWithTheLinesItIsOn() throws {
        // given
        let (text, lines) = Self.withIdentity()
        // when
        let errors = DeidentifiedText.check(text, patientNames: Self.names, birthDate: Self.born)
        // then one error per kind, in a fixed order, each naming its lines
        #expect(errors.map(\.field) == Array(repeating: "deidentifiedText", count: 5))
        #expect(errors.count == 5)
        guard errors.count == 5 else { return }
        #expect(errors[0].message.hasPrefix("Teksten inneholder et fødselsnummer eller D-nummer (linje \(lines[0]))"))
        #expect(
            errors[1].message
                == "Teksten nevner pasientens navn (linjene \(lines[0]) og \(lines[3])). Skriv «pasienten» i stedet.")
        #expect(errors[2].message.hasPrefix("Teksten inneholder pasientens fødselsdato (linje \(lines[1]))"))
        #expect(errors[3].message.hasPrefix("Teksten inneholder et telefonnummer (linje \(lines[2]))"))
        #expect(errors[4].message.hasPrefix("Teksten inneholder en gateadresse (linje \(lines[1]))"))
        // and no message repeats what it found
        for error in errors {
            for secret in [Self.nin, "Bakken", "Per", "15.03.1961", "912", "Kirkeveien"] {
                #expect(!error.message.contains(secret), "\(error.message)")
            }
        }
        #expect(throws: ValidationFailure(errors)) {
            try DeidentifiedText(text, patientNames: Self.names, birthDate: Self.born)
        }
    }

    static func kinds(_ text: String, names: [String] = names, born: CalendarDate? = born) -> [String] {
        DeidentifiedText.check(text, patientNames: names, birthDate: born).map {
            String($0.message.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
        }
    }

    static let identityNumber = "Teksten inneholder et fødselsnummer eller D-nummer"
    static let name = "Teksten nevner pasientens navn"
    static let birthDate = "Teksten inneholder pasientens fødselsdato"
    static let phone = "Teksten inneholder et telefonnummer"
    static let address = "Teksten inneholder en gateadresse"

    @Test func identityNumbersAreCheckedWithTheNumberType() throws {
        // given another patient's number, a D-number, and eleven digits that are no number
        let other = try #require(
            (100..<500).lazy.compactMap { NationalIdentityNumberTests.withCheckDigits("020250" + String($0)) }.first)
        let dNumber = try #require(
            (100..<500).lazy.compactMap { NationalIdentityNumberTests.withCheckDigits("420250" + String($0)) }.first)
        var wrong = Array(other)
        wrong[10] = wrong[10] == "0" ? "1" : "0"
        // when / then
        #expect(Self.kinds("Sjekket mot \(other) i registeret.", born: nil) == [Self.identityNumber])
        #expect(Self.kinds("D-nummer \(dNumber).", born: nil) == [Self.identityNumber])
        #expect(
            Self.kinds("Nummeret \(other.prefix(6)) \(other.suffix(5)) står i henvisningen.", born: nil) == [
                Self.identityNumber
            ])
        #expect(Self.kinds("Referanse \(String(wrong)) fra laboratoriet.", born: nil) == [])
        // eleven digits starting with the patient's birth date are the birth date, valid or not
        #expect(Self.kinds("Referanse 15036199999.") == [Self.birthDate])
    }

    @Test func namesAreFoundAsWordsWhateverTheSpelling() {
        // given a patient called Søren Åsheim
        let names = ["Søren", "Åsheim"]
        // when / then
        for text in [
            "Søren har hatt symptomer siden 2022.", "Soeren har hatt symptomer.", "Soren har hatt symptomer.",
            "Aasheim ble henvist.", "Asheim ble henvist.", "ÅSHEIM ble henvist.", "Sørens kone er pårørende.",
            "Familien Åsheim-Olsen er informert.", "Skrevet av lege for søren.",
        ] {
            #expect(Self.kinds(text, names: names, born: nil) == [Self.name], "\(text)")
        }
        for text in ["Sørensen er en annen pasient.", "Asheimer er ikke et ord.", "Sorenskriveren ble kontaktet."] {
            #expect(Self.kinds(text, names: names, born: nil) == [], "\(text)")
        }
    }

    @Test func namesThatAreWordsCountOnlyWhenCapitalised() {
        // given Per Liv Dal, whose names are everyday words in lower case
        let names = ["Per Liv Dal"]
        // when / then
        #expect(
            Self.kinds("Riluzol 50 mg to ganger per dag, resten av livet, bor i en dal.", names: names, born: nil) == []
        )
        #expect(Self.kinds("Det er viktig for liv og helse.", names: names, born: nil) == [])
        #expect(Self.kinds("Per har fått riluzol.", names: names, born: nil) == [Self.name])
        #expect(Self.kinds("Pasienten Dal har fått riluzol.", names: names, born: nil) == [Self.name])
    }

    @Test func theBirthDateIsFoundInEveryUsualForm() {
        for text in [
            "15.03.1961", "15.3.1961", "15.03.61", "15/03/1961", "150361", "1961-03-15", "15031961", "19610315",
            "15. mars 1961", "15 mars 1961", "15. mar. 1961",
        ] {
            #expect(Self.kinds("Registrert \(text) i journalen.") == [Self.birthDate], "\(text)")
        }
    }

    @Test func anyDateNextToAWordForBirthIsABirthDate() {
        // given no birth date: the words still give it away
        for text in [
            "Pasienten er født 02.02.1950.", "Fødselsdato: 02.02.1950", "Han er fødd 2.2.1950 på Voss.",
            "Per Olsen, f. 02.02.1950, er henvist.", "f.02.02.1950", "02.02.1950 (fødselsdato)",
            "Født 2. februar 1950 i Bergen.",
        ] {
            #expect(Self.kinds(text, names: [], born: nil) == [Self.birthDate], "\(text)")
        }
        // dates of events are not
        for text in [
            "Kontroll 12.01.2025.", "f.eks. 12.01.2025 og 20.01.2025", "Diagnostisert 2023-05-04.",
            "Studie 2021-001234-56", "Versjon 1.2.3.2020", "Fødselen av barnebarnet i 2020 var en glede.",
        ] {
            #expect(Self.kinds(text, names: [], born: nil) == [], "\(text)")
        }
    }

    @Test func phoneNumbersInTheUsualGroupings() {
        for text in [
            "91234567", "912 34 567", "22 11 22 33", "4123 4567", "+47 912 34 567", "0047 91234567",
            "(+47) 91234567", "+4791234567", "tlf. 912 34 567 2 ganger i uka",
        ] {
            #expect(Self.kinds("Ring \(text) ved behov.") == [Self.phone], "\(text)")
        }
        for text in [
            "NCT04567890", "varenummer 123456", "doser på 10 20 30 40 mg", "1234 5678", "20240315",
            "kreatinin 72 µmol/l og ALAT 34", "1 500 kcal",
        ] {
            #expect(Self.kinds("Se \(text) i notatet.") == [], "\(text)")
        }
    }

    @Test func streetAddressesByTheirSuffix() {
        for text in [
            "Storgata 12", "Kirkeveien 5B", "Kongens gate 1", "Bygdøy allé 23", "Nedre Slottsgate 3", "Strandvegen 4",
            "Skogveg 9", "Elvevei 2", "Øvre Årvollveien 117",
        ] {
            #expect(Self.kinds("Bor i \(text), i andre etasje.", names: [], born: nil) == [Self.address], "\(text)")
        }
        for text in ["Storgata uten nummer", "han er på vei hjem", "gatekjøkken 3 ganger i uka", "alle 3 barna"] {
            #expect(Self.kinds("Bor \(text).", names: [], born: nil) == [], "\(text)")
        }
    }

    @Test func anEmptyOrTooLongTextIsRefused() {
        // given
        let long = String(repeating: Self.clean, count: 6)
        // when
        let empty = DeidentifiedText.check(" \n ", patientNames: Self.names, birthDate: Self.born)
        let tooLong = DeidentifiedText.check(long, patientNames: Self.names, birthDate: Self.born)
        // then
        #expect(empty.map(\.message) == ["Teksten er tom. Skriv en tekst uten pasientopplysninger."])
        #expect(tooLong.first?.message.hasPrefix("Teksten er for lang: høyst 20 000 tegn, denne har ") == true)
    }

    @Test func theLongestTextIsCheckedQuickly() throws {
        // given almost 20 000 characters with the patient in them
        let (text, _) = Self.withIdentity()
        let long = String(String(repeating: text + "\n", count: 6).prefix(DeidentifiedText.maximumLength))
        // when
        let clock = ContinuousClock()
        var errors: [FieldError] = []
        let elapsed = clock.measure {
            errors = DeidentifiedText.check(long, patientNames: Self.names, birthDate: Self.born)
        }
        // then
        #expect(errors.count == 5)
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }
}

@Suite struct NationalIdentityNumberBirthDateTests {
    static func number(_ six: String, individual: ClosedRange<Int>) throws -> NationalIdentityNumber {
        let digits = try #require(
            individual.lazy.compactMap {
                NationalIdentityNumberTests.withCheckDigits(six + TextFormat.zeroPadded($0, width: 3))
            }.first)
        return try #require(NationalIdentityNumber(digits))
    }

    @Test func theCenturyComesFromTheIndividualNumber() throws {
        #expect(try Self.number("150361", individual: 0...499).birthDate == Fixtures.date("1961-03-15"))
        #expect(try Self.number("150361", individual: 900...999).birthDate == Fixtures.date("1961-03-15"))
        #expect(try Self.number("150305", individual: 500...999).birthDate == Fixtures.date("2005-03-15"))
        #expect(try Self.number("150385", individual: 500...749).birthDate == Fixtures.date("1885-03-15"))
        #expect(try Self.number("550361", individual: 0...499).birthDate == Fixtures.date("1961-03-15"))
        #expect(try Self.number("150345", individual: 750...899).birthDate == nil)
        #expect(try Self.number("290200", individual: 500...999).birthDate == Fixtures.date("2000-02-29"))
        #expect(try Self.number("290201", individual: 500...999).birthDate == nil)
    }
}
