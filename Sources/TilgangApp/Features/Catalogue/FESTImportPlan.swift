import TilgangDomain

/// What a FEST release does to the stored FEST records (issue 20), decided from their ids, content hashes and
/// retirements alone: which records to write, which to retire, and the counts. A record keeps the release in which
/// its content last changed, and the release of its retirement while it stays retired.
struct FESTImportPlan {
    private(set) var result: FESTImportResult
    /// New and changed records.
    private(set) var writes: [FESTWrite] = []
    /// Active records the release no longer carries, by FEST id.
    private(set) var vanished: [String] = []
    /// Active FEST records before the release.
    let active: Int
    /// Active records the release retires (expired or vanished); an entry that arrives already expired retires
    /// nothing.
    private(set) var retiredActive = 0

    /// - Parameter stored: every catalogue record; one from a catalogue file with a FEST id refuses the release.
    init(_ mapping: FESTCatalogue.Mapping, stored all: [String: FESTStoredEntry]) throws {
        var stored = all.filter(\.value.fromFEST)
        result = FESTImportResult(release: mapping.release)
        active = stored.values.count { $0.retiredIn == nil }
        var seen = Set<String>()
        seen.reserveCapacity(mapping.medicines.count)
        for medicine in mapping.medicines {
            guard let id = medicine.id else { continue }
            guard seen.insert(id).inserted else {
                throw ValidationFailure(field: "file", message: "FEST-id «\(id)» står mer enn én gang i utgaven")
            }
            if all[id]?.fromFEST == false {
                throw ValidationFailure(
                    field: "file", message: "FEST-id «\(id)» finnes allerede i katalogen fra en katalogfil")
            }
            let hash = MedicineContentHash.of(medicine)
            let isRetired = medicine.retiredIn != nil
            guard let entry = stored.removeValue(forKey: id) else {
                writes.append(FESTWrite(medicine: medicine, hash: hash))
                if isRetired { result.retired += 1 } else { result.added += 1 }
                continue
            }
            let wasRetired = entry.retiredIn != nil
            if entry.hash == hash && wasRetired == isRetired {
                result.unchanged += 1
                continue
            }
            var incoming = medicine
            if wasRetired && isRetired { incoming.retiredIn = entry.retiredIn }
            if isRetired && !wasRetired {
                result.retired += 1
                retiredActive += 1
            } else {
                result.changed += 1
            }
            writes.append(FESTWrite(medicine: incoming, hash: hash))
        }
        for (id, entry) in stored where entry.retiredIn == nil { vanished.append(id) }
        vanished.sort()
        result.retired += vanished.count
        retiredActive += vanished.count
    }

    /// Whether the release would retire every active record (and add or change none), or more than `share` of
    /// them once more than `floor` are retired.
    func retiresTooMany(share: Double, floor: Int) -> Bool {
        let retiresAll = active > 0 && retiredActive >= active && result.added + result.changed == 0
        return retiresAll || (retiredActive > floor && Double(retiredActive) > share * Double(active))
    }
}
