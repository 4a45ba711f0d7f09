/// «Pasientens søknader»: the launched patient's cases the user may see, and a new application for them.
struct EHRPatientContext: Encodable {
    let title: String
    let currentUser: UserView
    let maskedPatient: String
    let patientName: String
    let cases: [CaseSummaryView]
    let newApplication: String
}
