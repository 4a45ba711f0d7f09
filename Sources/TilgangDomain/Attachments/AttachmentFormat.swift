import Foundation

/// The file types an application may carry (literature, consent, lab results), decided from the bytes themselves
/// (magic numbers) and checked against the type the sender declared: a declared PDF must start as a PDF, and a
/// file that sniffs as an executable or HTML is refused whatever it claims to be. HTML and SVG are never
/// accepted, since a browser would run their scripts.
public enum AttachmentFormat: String, Sendable, CaseIterable, Codable {
    case pdf
    case png
    case jpeg
    /// Word 97–2003 and Excel 97–2003 (OLE2 compound files).
    case msOffice
    /// Word, Excel and PowerPoint 2007+ (OOXML), OpenDocument text and spreadsheet: zip containers.
    case officeOpenXML
    case openDocument
    case plainText

    /// The content type stored and served for this format given what was declared (the zip-based formats share
    /// magic bytes, so the declared type chooses among them).
    public func servedType(declared: String) -> String {
        let declared = Self.baseType(declared)
        switch self {
        case .pdf: return "application/pdf"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .plainText: return "text/plain; charset=utf-8"
        case .msOffice, .officeOpenXML, .openDocument:
            return Self.declaredTypes[self]?.contains(declared) == true ? declared : "application/octet-stream"
        }
    }

    /// A short name for the archive's `format` element and the page.
    public var title: String {
        switch self {
        case .pdf: "PDF"
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .msOffice: "Microsoft Office 97–2003"
        case .officeOpenXML: "Office Open XML"
        case .openDocument: "OpenDocument"
        case .plainText: "Ren tekst"
        }
    }

    /// The content types a client may declare for each format.
    public static let declaredTypes: [AttachmentFormat: Set<String>] = [
        .pdf: ["application/pdf"],
        .png: ["image/png"],
        .jpeg: ["image/jpeg", "image/jpg", "image/pjpeg"],
        .msOffice: ["application/msword", "application/vnd.ms-excel"],
        .officeOpenXML: [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ],
        .openDocument: ["application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"],
        .plainText: ["text/plain"],
    ]

    /// Types that say nothing (browsers send these for unknown extensions): the bytes decide alone.
    static let unspecific: Set<String> = ["", "application/octet-stream", "binary/octet-stream"]

    /// The format of `bytes` if it is one of the allowed ones and agrees with `declared`; nil otherwise.
    public static func detect(_ bytes: some Collection<UInt8>, declared: String) -> AttachmentFormat? {
        guard let sniffed = sniff(Array(bytes.prefix(8192)), whole: bytes) else { return nil }
        let declared = baseType(declared)
        if unspecific.contains(declared) { return sniffed }
        return declaredTypes[sniffed]?.contains(declared) == true ? sniffed : nil
    }

    /// `text/plain; charset=utf-8` → `text/plain`.
    static func baseType(_ type: String) -> String {
        String(type.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func sniff(_ head: [UInt8], whole: some Collection<UInt8>) -> AttachmentFormat? {
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .msOffice }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // OpenDocument stores its `mimetype` first, uncompressed, at offset 30; OOXML names `[Content_Types].xml`
            // or a `word/`/`xl/` part in its first entries. Any other zip is refused.
            let text = String(decoding: head, as: UTF8.self)
            if text.contains("mimetypeapplication/vnd.oasis.opendocument.") { return .openDocument }
            if text.contains("[Content_Types].xml") || text.contains("word/") || text.contains("xl/")
                || text.contains("_rels/")
            {
                return .officeOpenXML
            }
            return nil
        }
        return isPlainText(whole) ? .plainText : nil
    }

    /// UTF-8 without NUL or other controls than tab, line feed, carriage return and form feed, and not markup a
    /// browser would render.
    private static func isPlainText(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else { return false }
        let allowedControls: Set<UInt32> = [0x09, 0x0A, 0x0C, 0x0D]
        if text.unicodeScalars.contains(where: {
            ($0.value < 0x20 && !allowedControls.contains($0.value)) || $0.value == 0x7F
        }) {
            return false
        }
        let start = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).prefix(64).lowercased()
        return !["<!doctype", "<html", "<svg", "<?xml", "<script"].contains { start.hasPrefix($0) }
    }
}
