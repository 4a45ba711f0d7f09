import TilgangDomain

extension CaseDetailContext.TransitionView {
    /// A step of the history in words: no internal code of a state, action or assessment reaches the page.
    init(_ t: CaseDTO.Transition) {
        let kind = t.assessmentKind.flatMap(StepAssessment.Kind.init(rawValue:))
        self.init(
            at: OsloTime.dateTime(t.at), actor: t.actor, role: Role(rawValue: t.actorRole)?.title ?? "",
            trust: t.actorTrust, onBehalfOf: t.onBehalfOf, from: CaseState(rawValue: t.from)?.title ?? t.from,
            to: CaseState(rawValue: t.to)?.title ?? t.to, comment: t.comment, benefit: t.benefit,
            resourceUse: t.resourceUse, severity: t.severity, action: t.action, actionTitle: Self.title(of: t.action),
            assessmentTitle: kind?.title, assessment: t.assessment?.isEmpty == false ? t.assessment : nil,
            members: t.members?.joined(separator: ", "), objection: kind == .objection,
            amendments: (t.amendments ?? []).map {
                CaseDetailContext.AmendmentView(label: FieldLabels.label($0.field), before: $0.before, after: $0.after)
            })
    }

    static func title(of action: String) -> String {
        switch action {
        case "submit": "Sendt"
        case "quality_assure": "Kvalitetssikret"
        case "assess_priority": "Prioritert"
        case "request_supplement": "Tilleggsopplysninger etterspurt"
        case "supply_supplement": "Tilleggsopplysninger sendt"
        case "recommend": "Vurdert av komiteen"
        case "partner_director_concur": "Involvert"
        case "assess": "Vurdering registrert"
        case "return_to_applicant": "Returnert til søker"
        case "approve": "Godkjent"
        case "refuse": "Avslått"
        case "withdraw": "Trukket"
        case "amend": "Søknaden endret"
        default: action
        }
    }
}
