import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Real-sized forms through a real HTTP server, sent in many small TCP chunks (issue 10: a 2,500-character
    /// justification answered 403 and lost everything typed).
    @Suite struct LongFormTests {
        /// Clinical prose with æøå, `count` characters long.
        static func prose(_ count: Int) -> String {
            let sentence =
                "Pasienten har aktiv sykdom med hyppige attakker til tross for to godkjente behandlinger; "
                + "ødem og økt kreatinin førte til seponering. Vi vurderer at nytten overstiger risikoen, "
                + "og pasienten er informert om at preparatet brukes utenfor godkjent indikasjon. "
            return String(String(repeating: sentence, count: count / sentence.count + 1).prefix(count))
        }

        @Test func aTwentyThousandCharacterJustificationInSmallChunksIsSavedWhole() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a physician signed in through the real server
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-lege", password: DemoPeople.password).status == 303)
                    let justification = Self.prose(FormLimits.freeTextCharacters)
                    let token = try browser.csrf(on: "/saker/ny")
                    // when: the form goes in 700-byte writes (about 250 of them)
                    let response = try browser.post(
                        "/saker",
                        [
                            ("csrf", token), ("kind", "individual"), ("patientNIN", APIClient.patientNIN),
                            ("patientTrust", "SI"), ("medicineId", "mabthera-500mg"), ("indication", "G35"),
                            ("dosage", "1000 mg x 2 med 2 ukers mellomrom"), ("treatmentDuration", "12 måneder"),
                            ("justification", justification), ("alternatives", Self.prose(3_000)),
                            ("expectedBenefit", Self.prose(2_500)), ("costEstimate", "60000"),
                            ("patientInformed", "on"),
                        ], chunkSize: 700)
                    // then: it is accepted and the text is stored to the last character
                    #expect(response.status == 303, "\(response.status): \(response.body.prefix(300))")
                    let stored = try await CaseModel.query(on: app.db).all()
                    #expect(stored.count == 1)
                    #expect(stored.first?.justification == justification)
                }
            }
        }

        @Test func aFormLargerThanTheLimitIsRefusedWith413InNorwegian() async throws {
            try await withTilgangApp(demoPeople: true) { app in
                // given
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-lege", password: DemoPeople.password).status == 303)
                    let token = try browser.csrf(on: "/saker/ny")
                    // when: three megabytes of text
                    let response = try browser.post(
                        "/saker", [("csrf", token), ("justification", String(repeating: "å", count: 600_000))],
                        chunkSize: 64_000)
                    // then
                    #expect(response.status == 413)
                    #expect(response.body.contains("for stort"))
                }
            }
        }
    }
}
