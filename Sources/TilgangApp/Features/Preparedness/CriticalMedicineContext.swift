/// One medicine on the register: the score, every criterion with its evidence, the assessment form and the
/// medicine's shortages.
struct CriticalMedicineContext: Encodable {
    struct CriterionRow: Encodable {
        let criterion: CriticalMedicineDTO.Criterion
        let options: [SelectOption]
        let error: String?
    }

    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let entry: CriticalMedicineDTO
    let rows: [CriterionRow]
    let shortages: [ShortageDTO]
    let message: String?
    let error: String?
}
