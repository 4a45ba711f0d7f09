import Foundation

/// Writes a zip file with stored (uncompressed) entries: every archive tool and Windows' own Explorer opens it,
/// and the files are kept byte for byte as their checksums say. No compression because the content is mostly
/// PDF, images and Office files, which are compressed already, and because a writer of thirty lines is easier to
/// trust than a dependency. Entries are limited to 4 GiB each and the archive to 65,535 entries (no Zip64).
struct ZipWriter {
    private var output = Data()
    private var central = Data()
    private var count = 0
    /// The entries' modification time, in MS-DOS form (local time).
    private let dosTime: UInt16
    private let dosDate: UInt16

    init(modified: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: modified)
        dosTime = UInt16(((c.hour ?? 0) << 11) | ((c.minute ?? 0) << 5) | ((c.second ?? 0) / 2))
        dosDate = UInt16(((max(1980, c.year ?? 1980) - 1980) << 9) | ((c.month ?? 1) << 5) | (c.day ?? 1))
    }

    mutating func add(path: String, data: Data) {
        let name = Data(path.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(output.count)
        // Local file header; bit 11 of the flags: the name is UTF-8.
        output.append(le32: 0x0403_4B50)
        output.append(le16: 20)
        output.append(le16: 0x0800)
        output.append(le16: 0)
        output.append(le16: dosTime)
        output.append(le16: dosDate)
        output.append(le32: crc)
        output.append(le32: UInt32(data.count))
        output.append(le32: UInt32(data.count))
        output.append(le16: UInt16(name.count))
        output.append(le16: 0)
        output.append(name)
        output.append(data)
        // Its central directory entry.
        central.append(le32: 0x0201_4B50)
        central.append(le16: 0x031E)
        central.append(le16: 20)
        central.append(le16: 0x0800)
        central.append(le16: 0)
        central.append(le16: dosTime)
        central.append(le16: dosDate)
        central.append(le32: crc)
        central.append(le32: UInt32(data.count))
        central.append(le32: UInt32(data.count))
        central.append(le16: UInt16(name.count))
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0)
        // Unix permissions rw-r--r-- in the high half of the external attributes.
        central.append(le32: 0o100644 << 16)
        central.append(le32: offset)
        central.append(name)
        count += 1
    }

    /// The finished zip file.
    func finish() -> Data {
        var result = output
        result.append(central)
        result.append(le32: 0x0605_4B50)
        result.append(le16: 0)
        result.append(le16: 0)
        result.append(le16: UInt16(count))
        result.append(le16: UInt16(count))
        result.append(le32: UInt32(central.count))
        result.append(le32: UInt32(output.count))
        result.append(le16: 0)
        return result
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(contentsOf: (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) })
    }
}
