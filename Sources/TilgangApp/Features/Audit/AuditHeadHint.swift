import NIOConcurrencyHelpers
import TilgangDomain

/// Where this process last left the audit chain's head (`AuditLogService.append`).
final class AuditHeadHint: Sendable {
    private let value = NIOLockedValueBox<AuditChain.Link?>(nil)

    var link: AuditChain.Link? {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}
