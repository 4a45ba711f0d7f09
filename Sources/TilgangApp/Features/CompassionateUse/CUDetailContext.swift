import TilgangDomain

struct CUDetailContext: Encodable {
    struct Event: Encodable {
        let action: String
        let actor: String
        let role: String
        let comment: String?
        let at: String
    }

    /// The linked exemption decision in words.
    struct Link: Encodable {
        let kind: String
        let reference: String
        let exemptionId: String?
        let label: String?
        let stateTitle: String?
        let period: String?
        let validToday: Bool
        let confirmed: String?
    }

    /// The cost agreement in words, and its approval.
    struct Agreement: Encodable {
        let amount: String
        let period: String
        /// DD.MM.ÅÅÅÅ, to prefill a revision.
        let from: String
        let to: String
        let supplier: String
        let reference: String?
        let approvedBy: String?
        let approvedAt: String?
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CUCaseDTO
    let departmentName: String
    let maskedPatient: String?
    let openTitles: [String]
    let actions: [CUActionView]
    let message: String?
    let events: [Event]
    let link: Link?
    let agreement: Agreement?
    /// What the person typed into the action form that failed, kept in the fields, and the errors by field.
    let form: CUActionInput
    let errors: [String: String]

    static func link(_ dto: CULinkedExemptionDTO?) -> Link? {
        guard let dto else { return nil }
        let period = [dto.validFrom, dto.validUntil].compactMap { $0?.norwegian }.joined(separator: "–")
        return Link(
            kind: dto.kind, reference: dto.reference, exemptionId: dto.exemptionId?.uuidString, label: dto.label,
            stateTitle: dto.stateTitle, period: period.isEmpty ? nil : period, validToday: dto.validToday ?? false,
            confirmed: dto.confirmedBy.map { name in
                "Bekreftet av \(name)" + (dto.confirmedAt.map { " \(OsloTime.dateTime($0))" } ?? "")
            })
    }

    static func agreement(_ dto: CUCaseDTO) -> Agreement? {
        guard let a = dto.costAgreement else { return nil }
        let approval = dto.costApproval.flatMap { $0.coversCurrentAgreement ? $0 : nil }
        return Agreement(
            amount: a.amount, period: "\(a.from.norwegian)–\(a.to.norwegian)", from: a.from.norwegian,
            to: a.to.norwegian, supplier: a.supplier,
            reference: a.reference, approvedBy: approval?.approvedBy,
            approvedAt: approval.map { OsloTime.dateTime($0.approvedAt) })
    }
}
