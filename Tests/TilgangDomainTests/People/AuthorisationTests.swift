import Testing

@testable import TilgangDomain

@Suite struct AuthorisationTests {
    @Test(arguments: Authorisation.Profession.allCases)
    func everyProfessionAllowsExactlyItsOwnKinds(profession: Authorisation.Profession) {
        // given
        let authorisation = Authorisation(hprNumber: "9300001", profession: profession)
        // then: the kind it applies as outside hospital is one it allows, and no other profession's kind
        #expect(authorisation.allows(authorisation.outsideHospitalKind))
        let allowed = Set(Applicant.Kind.allCases.filter(authorisation.allows))
        switch profession {
        case .physician: #expect(allowed == [.generalPractitioner, .hospitalSpecialist])
        case .dentist: #expect(allowed == [.dentist])
        case .veterinarian: #expect(allowed == [.veterinarian])
        }
    }
}
