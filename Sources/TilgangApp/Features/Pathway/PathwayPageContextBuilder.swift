import TilgangDomain

/// Turns the form, the catalogue search and the decision into the page's view context.
struct PathwayPageContextBuilder {
    let catalogue: any CatalogueService
    /// The day the form starts on.
    let today: CalendarDate

    func context(form: PathwayForm, errors: PathwayFieldErrors, decision: RouteDecision?) async throws
        -> PathwayPageContext
    {
        var found = try await catalogue.search(form.q, limit: 200)
        if let selected = form.medicineId, !found.contains(where: { $0.id == selected }),
            let medicine = try await catalogue.medicine(id: selected)
        {
            found.insert(medicine, at: 0)
        }
        let medicines = found.map { m in
            SelectOption(value: m.id ?? "", label: Self.label(m), selected: m.id == form.medicineId)
        }
        return PathwayPageContext(
            query: form.q ?? "",
            medicines: medicines,
            medicineCount: medicines.count,
            indication: form.indication ?? "",
            date: form.date ?? (form.wantsDecision ? "" : today.norwegian),
            species: Self.options(
                [("human", "Menneske"), ("animal", "Dyr")], selected: form.species ?? "human"),
            applicantKinds: Self.options(
                [
                    ("hospital_specialist", "Sykehusspesialist"), ("general_practitioner", "Allmennlege"),
                    ("dentist", "Tannlege"), ("veterinarian", "Veterinær"),
                ], selected: form.applicantKind ?? "hospital_specialist"),
            settings: Self.options(
                [("hospital", "Sykehus (spesialisthelsetjenesten)"), ("primary_care", "Primærhelsetjenesten")],
                selected: form.setting ?? "hospital"),
            indicationCovered: Self.options(
                [("", "Ikke oppgitt (bruk katalogens indikasjoner)"), ("true", "Ja"), ("false", "Nei")],
                selected: form.indicationCovered ?? ""),
            checks: PathwayForm.checkboxLabels.map {
                CheckboxView(name: $0.name, label: $0.label, checked: form.isChecked($0.name))
            },
            errors: errors,
            hasErrors: !errors.isEmpty,
            decision: decision.map(Self.view))
    }

    static func label(_ m: Medicine) -> String {
        let form = m.form.flatMap { m.name.lowercased().contains($0.lowercased()) ? nil : $0 }
        let details = [m.strength, form].compactMap { $0 }.joined(separator: " ")
        return "\(m.name)\(details.isEmpty ? "" : " \(details)") – \(m.substance) (\(m.atc))"
    }

    static func options(_ pairs: [(String, String)], selected: String) -> [SelectOption] {
        pairs.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }

    /// Places each validation error next to its field on the page.
    static func fieldErrors(_ failure: ValidationFailure) -> PathwayFieldErrors {
        var errors = PathwayFieldErrors()
        for error in failure.errors {
            switch error.field {
            case "medicine", "medicineId": errors.medicine = error.message
            case "indication": errors.indication = error.message
            case "date": errors.date = error.message
            case "patient.species": errors.species = error.message
            case "applicant.kind": errors.applicantKind = error.message
            case "applicant.setting": errors.setting = error.message
            case "indicationCovered": errors.indicationCovered = error.message
            default: errors.other.append(error.description)
            }
        }
        return errors
    }

    static func view(_ d: RouteDecision) -> DecisionView {
        let agency: String =
            switch d.agencyApplication {
            case .none: "Ingen søknad til DMP"
            case .notification: "Notifisering: apoteket utleverer uten forhåndsvedtak"
            case .agencyDecision: "Søknad som DMP avgjør"
            }
        return DecisionView(
            route: d.route.rawValue, routeTitle: d.routeTitle, agencyApplication: agency,
            trustApproval: d.trustApproval
                ? "Ja: direktør medisin og helsefag må godkjenne" : "Nei",
            applicantMayApply: d.applicantMayApply ? "Ja" : "Nei",
            mayApply: d.applicantMayApply,
            rules: d.ruleDetails.map { .init(id: $0.id.rawValue, title: $0.title, source: $0.source) },
            explanation: d.explanation, nextSteps: d.nextSteps)
    }
}
