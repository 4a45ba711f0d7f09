/// How large an attachment may be (docs/operations.md). The whole upload is collected in memory before it is
/// checked and stored, so the limit bounds what one request can hold.
enum AttachmentLimits {
    static let maxFileBytes = 20 * 1024 * 1024
    /// The multipart body: the file, the form's few small fields and the part headers.
    static let maxBodyBytes = maxFileBytes + 256 * 1024
}
