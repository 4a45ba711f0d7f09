/// Whether a stored approval exemption may pass a CUNP case's exemption gate: it must be the agency's approval
/// (not a notification, not refused or pending), for the same patient (compared by keyed hash, never by
/// identity number), for the same medicine or active substance, and valid today.
public enum LinkedExemptionCheck {
    /// What the check needs to know about the exemption case.
    public struct Exemption: Sendable {
        public let isAgencyApplication: Bool
        public let state: ExemptionState?
        public let patientKey: String?
        public let medicineID: String
        public let substance: String?
        public let validFrom: CalendarDate?
        public let validUntil: CalendarDate?

        public init(
            isAgencyApplication: Bool, state: ExemptionState?, patientKey: String?, medicineID: String,
            substance: String?, validFrom: CalendarDate?, validUntil: CalendarDate?
        ) {
            self.isAgencyApplication = isAgencyApplication
            self.state = state
            self.patientKey = patientKey
            self.medicineID = medicineID
            self.substance = substance
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    /// What the CUNP case is about.
    public struct CaseFacts: Sendable {
        public let patientKey: String?
        public let medicineID: String
        public let substance: String?

        public init(patientKey: String?, medicineID: String, substance: String?) {
            self.patientKey = patientKey
            self.medicineID = medicineID
            self.substance = substance
        }
    }

    /// The field every message is about.
    public static let field = "exemptionReference"

    /// Nil when the exemption may pass the gate; otherwise why not, on the reference field. `reference` is the
    /// case number as typed; `exemption` is nil when no case has that number.
    public static func problem(
        reference: String, exemption: Exemption?, for facts: CaseFacts, today: CalendarDate
    ) -> FieldError? {
        func refuse(_ message: String) -> FieldError { FieldError(field: field, message: message) }
        guard !reference.isEmpty else {
            return refuse("må fylles ut: oppgi saksnummeret til vedtaket i Tilgang (DMP-…)")
        }
        guard let exemption else { return refuse("finnes ikke: ingen sak i Tilgang har saksnummeret \(reference)") }
        guard exemption.isAgencyApplication else {
            return refuse("\(reference) er en notifisering fra apotek, ikke et vedtak fra DMP")
        }
        guard let state = exemption.state, state == .approved || state == .appealAllowed else {
            return refuse("\(reference) er ikke innvilget av DMP (status: \(exemption.state?.title ?? "ukjent"))")
        }
        guard let key = exemption.patientKey, let own = facts.patientKey, key == own else {
            return refuse("\(reference) gjelder en annen pasient enn denne saken")
        }
        let substance = exemption.substance.map(normalised)
        let sameSubstance = substance != nil && substance != "" && substance == facts.substance.map(normalised)
        guard exemption.medicineID == facts.medicineID || sameSubstance else {
            return refuse("\(reference) gjelder et annet legemiddel eller virkestoff enn denne saken")
        }
        guard let from = exemption.validFrom, let until = exemption.validUntil, from <= today, today <= until else {
            let period = [exemption.validFrom, exemption.validUntil].compactMap { $0?.norwegian }
                .joined(separator: "–")
            return refuse("\(reference) gjelder ikke i dag (perioden er \(period.isEmpty ? "ukjent" : period))")
        }
        return nil
    }

    private static func normalised(_ substance: String) -> String {
        substance.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
