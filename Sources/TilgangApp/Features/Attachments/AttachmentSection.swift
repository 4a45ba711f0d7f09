import TilgangDomain

/// The case page's «Vedlegg» section (`cases/attachments.leaf`): the files, and the upload form when this user
/// may add one, with what they chose and the error if the last upload was refused.
struct AttachmentSection: Encodable {
    struct Item: Encodable {
        let id: String
        let fileName: String
        let kind: String
        let size: String
        let uploadedBy: String
        let uploadedAt: String
        /// Where the case stood when the file was added («Utkast», «Til vurderingskomiteen»).
        let step: String
    }

    let items: [Item]
    let mayAdd: Bool
    let kinds: [SelectOption]
    let error: String?
    let maxMegabytes: Int
    /// The `accept` attribute: a hint to the browser's file picker; the server decides from the bytes.
    let accept: String
    /// The case is decided: its archive package can be downloaded.
    let decided: Bool

    static let acceptedExtensions = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.odt,.ods,.txt"

    init(models: [AttachmentModel], mayAdd: Bool, form: AttachmentFormState, state: CaseState) {
        items = models.map {
            Item(
                id: $0.id?.uuidString ?? "", fileName: $0.fileName,
                kind: AttachmentKind(rawValue: $0.kind)?.title ?? $0.kind,
                size: Self.size($0.size), uploadedBy: $0.uploadedByName, uploadedAt: OsloTime.dateTime($0.createdAt),
                step: CaseState(rawValue: $0.caseState)?.title ?? $0.caseState)
        }
        self.mayAdd = mayAdd
        kinds = AttachmentKind.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.kind)
        }
        error = form.error
        maxMegabytes = AttachmentLimits.maxFileBytes >> 20
        accept = Self.acceptedExtensions
        decided = state == .approved || state == .refused
    }

    /// «340 kB», «2,4 MB».
    static func size(_ bytes: Int) -> String {
        bytes < 1 << 20 ? "\(max(1, (bytes + 1023) / 1024)) kB" : "\(AttachmentService.megabytes(bytes)) MB"
    }
}

/// What the upload form held when it was sent back with an error: nothing typed is lost.
struct AttachmentFormState: Sendable {
    var kind = AttachmentKind.literature.rawValue
    var error: String?
}
