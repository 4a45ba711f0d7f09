import Foundation

extension Scenario {
    static let fieldNames: Set<String> = [
        "medicine", "medicineId", "indication", "date", "patient", "applicant", "trustPays", "helfoRefused",
        "generalShortagePermission", "indicationCovered",
    ]
    static let patientFieldNames: Set<String> = [
        "species", "fatalWithoutAlternatives", "informedConsent", "eligibleForClinicalTrial", "clinicallyExceptional",
    ]
    static let applicantFieldNames: Set<String> = ["kind", "setting"]

    /// Parses scenario JSON (the contract) and reports every invalid field at once.
    ///
    /// Required: `medicine` or `medicineId` (not both), `indication`, `date`, `patient.species`,
    /// `applicant.kind`, `applicant.setting`. Absent booleans are `false`; `indicationCovered` stays unknown.
    public static func parse(json data: Data) throws(ValidationFailure) -> Scenario {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ValidationFailure(field: "$", message: "er ikke gyldig JSON")
        }
        return try read(value)
    }

    public static func read(_ value: JSONValue) throws(ValidationFailure) -> Scenario {
        let collector = FieldErrorCollector()
        guard let reader = FieldReader(value, path: "", collector: collector) else {
            throw ValidationFailure(collector.errors)
        }
        reader.rejectUnknownKeys(allowed: fieldNames)

        var medicine: MedicineReference?
        switch (reader.has("medicine"), reader.has("medicineId")) {
        case (true, true):
            collector.add("medicineId", "oppgi enten medicine eller medicineId, ikke begge")
        case (false, false):
            collector.add("medicine", "mangler: oppgi medicine eller medicineId")
        case (true, false):
            if let medicineReader = reader.object("medicine", required: true),
                let inline = Medicine.read(from: medicineReader, requireID: false)
            {
                medicine = .inline(inline)
            }
        case (false, true):
            if let id = reader.string("medicineId", required: true) { medicine = .catalogue(id: id) }
        }

        let indication = reader.string("indication", required: true)
        if let indication, !Codes.isICD10(indication) {
            collector.add("indication", "«\(indication)» er ikke en ICD-10-kode (f.eks. E66 eller E11.9)")
        }
        let date = reader.date("date", required: true)

        var patient: Patient?
        if let p = reader.object("patient", required: true) {
            p.rejectUnknownKeys(allowed: patientFieldNames)
            let species: Patient.Species? = p.choice("species", required: true)
            let parsed = Patient(
                species: species ?? .human,
                fatalWithoutAlternatives: p.bool("fatalWithoutAlternatives", default: false),
                informedConsent: p.bool("informedConsent", default: false),
                eligibleForClinicalTrial: p.bool("eligibleForClinicalTrial", default: false),
                clinicallyExceptional: p.bool("clinicallyExceptional", default: false))
            if species != nil { patient = parsed }
        }

        var applicant: Applicant?
        if let a = reader.object("applicant", required: true) {
            a.rejectUnknownKeys(allowed: applicantFieldNames)
            let kind: Applicant.Kind? = a.choice("kind", required: true)
            let setting: Applicant.Setting? = a.choice("setting", required: true)
            if let kind, let setting { applicant = Applicant(kind: kind, setting: setting) }
        }

        let trustPays = reader.bool("trustPays", default: false)
        let helfoRefused = reader.bool("helfoRefused", default: false)
        let shortage = reader.bool("generalShortagePermission", default: false)
        let covered = reader.optionalBool("indicationCovered")

        guard collector.errors.isEmpty, let medicine, let indication, let date, let patient, let applicant else {
            throw ValidationFailure(collector.errors)
        }
        return Scenario(
            medicine: medicine, indication: indication, date: date, patient: patient, applicant: applicant,
            trustPays: trustPays, helfoRefused: helfoRefused, generalShortagePermission: shortage,
            indicationCovered: covered)
    }
}
