import TilgangDomain

/// A FEST record to insert or overwrite, with its `MedicineContentHash`.
struct FESTWrite: Sendable {
    let medicine: Medicine
    let hash: String
}
