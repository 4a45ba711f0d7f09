import Crypto
import TilgangDomain

/// The content of a FEST record as one SHA-256 (issue 20), stored in `medicines.fest_hash`: a re-import compares it
/// per FEST id instead of loading and decoding every stored record. It covers every field a FEST import compares
/// (all but `id`, `source` and `retiredIn`: unchanged content keeps the release it came from, and retirement is
/// compared by itself). Each field is written with its length or a nil marker, so no two contents share bytes.
enum MedicineContentHash {
    /// Bumped when the layout changes: every stored hash then differs and the next import rewrites its records.
    static let version: UInt8 = 1

    static func of(_ m: Medicine) -> String {
        var bytes: [UInt8] = [version]
        bytes.reserveCapacity(512)
        func text(_ value: String?) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            length(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }
        func length(_ count: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { bytes.append(contentsOf: $0) }
        }
        func list(_ values: [String]) {
            length(values.count)
            for value in values { text(value) }
        }
        func flag(_ value: Bool?) { bytes.append(value.map { $0 ? 2 : 1 } ?? 0) }
        text(m.name)
        text(m.substance)
        text(m.atc)
        text(m.strength)
        text(m.form)
        text(m.productNumber)
        text(m.norwegianAuthorisation.rawValue)
        flag(m.marketed)
        text(m.deregisteredOn?.iso)
        list(m.approvedIndications)
        list(m.foreignAuthorisations)
        flag(m.negativeList)
        flag(m.hospitalFinanced)
        list(m.bluePrescriptionIndications)
        text(m.nyeMetoder.rawValue)
        flag(m.nationalCompassionateUseList)
        text(m.compassionateUseProgramme.rawValue)
        text(m.nationalStandardAgreement.rawValue)
        list(m.agreementAnnexes)
        text(m.supplyingPharmacy)
        flag(m.earlyPhase)
        text(m.thcPercent.map { String($0.bitPattern) })
        text(m.replacedByMarketedProductOn?.iso)
        text(m.exemptionApplicationType.map { String($0.rawValue) })
        return TextFormat.hex(SHA256.hash(data: bytes))
    }
}
