import Testing

@testable import TilgangDomain

/// Attachments are typed by their bytes, checked against what the sender declared (issue 17).
@Suite struct AttachmentFormatTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj\n%%EOF".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let docx = Array("PK\u{3}\u{4}\u{14}\0\u{6}\0\u{8}\0\0\0!\0[Content_Types].xml".utf8)
    static let odt = Array("PK\u{3}\u{4}\u{14}\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.text".utf8)

    @Test func eachAllowedTypeIsRecognisedFromItsBytes() {
        #expect(AttachmentFormat.detect(Self.pdf, declared: "application/pdf") == .pdf)
        #expect(AttachmentFormat.detect(Self.png, declared: "image/png") == .png)
        #expect(AttachmentFormat.detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], declared: "image/jpeg") == .jpeg)
        #expect(
            AttachmentFormat.detect(
                Self.docx, declared: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                == .officeOpenXML)
        #expect(AttachmentFormat.detect(Self.odt, declared: "application/vnd.oasis.opendocument.text") == .openDocument)
        #expect(
            AttachmentFormat.detect(
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], declared: "application/msword")
                == .msOffice)
        #expect(
            AttachmentFormat.detect(Array("Hb 13,2 g/dL\nCRP < 5 – æøå\n".utf8), declared: "text/plain; charset=utf-8")
                == .plainText)
        // a browser that does not know the type sends octet-stream: the bytes decide
        #expect(AttachmentFormat.detect(Self.pdf, declared: "application/octet-stream") == .pdf)
    }

    @Test func aTypeThatDisagreesWithTheBytesOrAnyOtherFileIsRefused() {
        // a PNG that calls itself a PDF, and the other way round
        #expect(AttachmentFormat.detect(Self.png, declared: "application/pdf") == nil)
        #expect(AttachmentFormat.detect(Self.pdf, declared: "image/png") == nil)
        // markup a browser would run, whatever it is called
        for page in [
            "<!DOCTYPE html><p>", "  <html><script>x</script>", "<svg onload=alert(1)>", "<?xml version=\"1.0\"?>",
        ] {
            #expect(AttachmentFormat.detect(Array(page.utf8), declared: "text/plain") == nil, "\(page)")
            #expect(AttachmentFormat.detect(Array(page.utf8), declared: "application/octet-stream") == nil)
        }
        // an executable, a plain zip, binary noise, an empty file
        #expect(AttachmentFormat.detect([0x4D, 0x5A, 0x90, 0, 3, 0], declared: "application/octet-stream") == nil)
        #expect(AttachmentFormat.detect(Array("PK\u{3}\u{4}\u{14}\0\0\0payload.exe".utf8), declared: "") == nil)
        #expect(AttachmentFormat.detect([0x00, 0x01, 0x02], declared: "text/plain") == nil)
        #expect(AttachmentFormat.detect([], declared: "text/plain") == nil)
        #expect(AttachmentFormat.detect(Self.pdf, declared: "text/html") == nil)
    }

    @Test func fileNamesLoseTheirPathControlsAndQuotesButKeepTheirLettersAndExtension() {
        #expect(AttachmentFileName.sanitise("C:\\Users\\lege\\Blodprøver æøå.pdf") == "Blodprøver æøå.pdf")
        #expect(AttachmentFileName.sanitise("../../etc/passwd") == "passwd")
        #expect(AttachmentFileName.sanitise("a\"b\r\nc\u{202E}fdp.exe") == "a_bcfdp.exe")
        #expect(AttachmentFileName.sanitise("...") == "vedlegg")
        #expect(AttachmentFileName.sanitise("") == "vedlegg")
        let long = AttachmentFileName.sanitise(String(repeating: "å", count: 300) + ".pdf")
        #expect(long.count == AttachmentFileName.maxLength && long.hasSuffix(".pdf"))
        #expect(AttachmentFileName.ascii("Blodprøver æøå.pdf") == "Blodprover aeoa.pdf")
    }
}
