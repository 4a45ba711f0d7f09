import NIOCore

/// One file as it arrived, from the page's form or the API, before it is checked.
struct AttachmentUpload: Sendable {
    var fileName: String
    var declaredType: String
    var kind: String
    var bytes: ByteBuffer
}
