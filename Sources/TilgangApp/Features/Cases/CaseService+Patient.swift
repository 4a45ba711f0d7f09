import TilgangDomain

extension CaseService {
    /// The cases of one patient that `user` may see: the patient's cases by keyed hash, each checked with
    /// `readAccess` (`CaseAccess` for the user and whom they stand in for today, then the user's own active grant
    /// of access to earlier applications). The one place that answers "which of this patient's cases may this
    /// user see" (the EHR launch's «Pasientens søknader»).
    func casesOfPatient(_ patient: NationalIdentityNumber, for user: AuthenticatedUser) async throws
        -> [CaseSummaryDTO]
    {
        let people = try await people(user, on: database)
        let key = audit.patientKey(for: patient)
        var visible: [CaseSummaryDTO] = []
        for row in try await CaseStore(database).listRows(ofPatientKey: key)
        where try await readAccess(to: row, patientKey: key, people: people) != nil {
            visible.append(Self.summary(row))
        }
        return visible
    }
}
