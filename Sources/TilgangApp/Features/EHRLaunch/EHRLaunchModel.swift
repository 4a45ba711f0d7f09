import Fluent
import Foundation

/// One launch from the EHR: the context it signed, under an opaque random id the browser carries instead. The
/// patient's identity number is here only; it is cleared when the launch is used or refused, and the row is
/// deleted once both the launch and its context's `jti` have expired (the row is what refuses a replayed `jti`).
final class EHRLaunchModel: Model, @unchecked Sendable {
    static let schema = "ehr_launches"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "token_id") var tokenID: String
    @Field(key: "hpr_number") var hprNumber: String
    @OptionalField(key: "patient_nin") var patientNIN: String?
    @OptionalField(key: "patient_name") var patientName: String?
    @Field(key: "trust_code") var trustCode: String
    @OptionalField(key: "department_code") var departmentCode: String?
    /// `issued` (handed to Tilgang), `claimed` (a browser session took it), `opened` (its user signed in),
    /// `used` (an application made, or refused).
    @Field(key: "state") var state: String
    /// A random value also kept in the claiming browser's session: only that session may open the launch.
    @OptionalField(key: "binding") var binding: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "token_expires_at") var tokenExpiresAt: Date

    enum State: String {
        case issued, claimed, opened, used
    }

    init() {}

    init(id: String, context: EHRLaunchContext, now: Date, expires: Date) {
        self.id = id
        tokenID = context.tokenID
        hprNumber = context.hprNumber
        patientNIN = context.patient.digits
        patientName = context.patientName
        trustCode = context.trustCode
        departmentCode = context.departmentCode
        state = State.issued.rawValue
        createdAt = now
        expiresAt = expires
        tokenExpiresAt = context.expires
    }
}
