import Testing
import Vapor
import VaporTesting

@testable import TilgangApp

/// Issue 17: the blank paper form for when the portal is down (SPEC §5.8).
extension DatabaseTests {
    @Suite struct PaperFormTests {
        @Test func theBlankFormHasEveryFieldAndALineForEveryStep() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                try await app.testing().test(.GET, "/saker/papirskjema") { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location)?.hasPrefix("/logg-inn") == true)
                }
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-komite")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/saker/papirskjema", headers: headers) { res in
                    #expect(res.status == .ok)
                    let html = res.body.string
                    for heading in [
                        "1. Søknaden (behandlingsansvarlig lege)",
                        "2. Fagansvarlig leder (avdelingsleder): kvalitetssikring og faglig vurdering",
                        "3. Forankringsansvarlig leder (divisjonsdirektør): prioritering",
                        "4. Vurderingskomiteen: anbefaling",
                        "5. Direktør i pasientens helseforetak (når pasienten hører til et annet helseforetak)",
                        "6. Direktør medisin og helsefag: vedtak",
                    ] {
                        #expect(html.contains(heading), "\(heading)")
                    }
                    // every field of the application form, by its label
                    for label in [
                        "Fødselsnummer eller D-nummer", "Avgrenset pasientgruppe", "Antall pasienter", "Opptaksområde",
                        "Pasienten er informert", "Legemiddel", "Indikasjon (ICD-10)", "Helfo har avslått", "Dosering",
                        "Behandlingsvarighet", "Medisinsk begrunnelse", "Alternativer som er vurdert eller prøvd",
                        "Forventet nytte", "Kostnadsanslag", "Nytte", "Ressursbruk (kostnad)", "Alvorlighet",
                        "Begrunnelse for vedtaket", "Komitémedlem (navn)",
                    ] {
                        #expect(html.contains(label), "\(label)")
                    }
                    // a name, date and signature line per step, five for the committee's members
                    #expect(html.components(separatedBy: "Signatur").count - 1 >= 6)
                    #expect(html.contains("Sykehuset Innlandet"))
                    #expect(html.contains("/css/print.css"))
                }
            }
        }
    }
}
