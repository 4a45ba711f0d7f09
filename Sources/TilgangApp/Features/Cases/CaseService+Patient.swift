import TilgangDomain

extension CaseService {
    /// The cases of one patient that `user` may see: the patient's cases by keyed hash, each checked with
    /// `CaseAccess` for the user and whom they stand in for today. The one place that answers "which of this
    /// patient's cases may this user see" (the EHR launch's «Pasientens søknader»); access grants belong here.
    func casesOfPatient(_ patient: NationalIdentityNumber, for user: AuthenticatedUser) async throws
        -> [CaseSummaryDTO]
    {
        let people = try await people(user, on: database)
        let rows = try await CaseStore(database).listRows(ofPatientKey: audit.patientKey(for: patient))
        return rows.filter { row in people.contains { CaseAccess.mayRead(row, $0) } }.map(Self.summary)
    }
}
