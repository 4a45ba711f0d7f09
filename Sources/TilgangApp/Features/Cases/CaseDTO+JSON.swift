import Foundation
import TilgangDomain

// The case responses read most, written field by field (`JSONWriter`). A field added to a DTO must be added
// here too: `JSONWriterTests` fails when the two disagree.

extension CaseSummaryDTO: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("caseNumber", caseNumber)
        json.field("kind", kind)
        json.field("medicineName", medicineName)
        json.field("indication", indication)
        json.field("state", state)
        json.field("stateTitle", stateTitle)
        json.field("trust", trust)
        json.field("department", department)
        json.field("createdAt", createdAt)
        json.field("version", version)
        json.field("applicantName", applicantName)
        json.field("patientBirthYear", patientBirthYear)
        json.field("waitingSince", waitingSince)
        json.endObject()
    }
}

extension CaseDTO: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("caseNumber", caseNumber)
        json.field("trust", trust)
        json.field("department", department)
        json.field("kind", kind)
        json.field("patientNIN", patientNIN)
        json.field("patientTrust", patientTrust)
        json.field("crossTrust", crossTrust)
        json.field("groupDescription", groupDescription)
        json.field("groupSize", groupSize)
        json.field("medicineId", medicineId)
        json.field("medicineName", medicineName)
        json.field("indication", indication)
        json.field("dosage", dosage)
        json.field("treatmentDuration", treatmentDuration)
        json.field("justification", justification)
        json.field("alternatives", alternatives)
        json.field("expectedBenefit", expectedBenefit)
        json.field("costEstimate", costEstimate)
        json.field("patientInformed", patientInformed)
        json.field("route", route)
        json.field("routeRules", routeRules)
        json.field("routeExplanation", routeExplanation)
        json.field("state", state)
        json.field("stateTitle", stateTitle)
        json.field("chainVersion", chainVersion)
        json.field("version", version)
        json.field("createdAt", createdAt)
        json.field("decidedAt", decidedAt)
        json.field("transitions", transitions)
        json.field("guidance", guidance)
        json.field("exemptionApplication", exemptionApplication)
        json.field("retentionYears", retentionYears)
        json.field("revisesCaseId", revisesCaseId)
        json.endObject()
    }
}

extension CaseDTO.Transition: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("from", from)
        json.field("to", to)
        json.field("action", action)
        json.field("actor", actor)
        json.field("actorRole", actorRole)
        json.field("actorTrust", actorTrust)
        json.field("onBehalfOf", onBehalfOf)
        json.field("comment", comment)
        json.field("benefit", benefit)
        json.field("resourceUse", resourceUse)
        json.field("severity", severity)
        json.field("at", at)
        json.field("assessmentKind", assessmentKind)
        json.field("assessment", assessment)
        json.field("members", members)
        json.field("amendments", amendments)
        json.endObject()
    }
}

extension CaseAmendment.Change: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("field", field)
        json.field("before", before)
        json.field("after", after)
        json.endObject()
    }
}

extension CaseDTO.Guidance: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("inHospitalUse", inHospitalUse)
        json.field("prescription", prescription)
        json.field("exemptionStep", exemptionStep)
        json.endObject()
    }
}

extension CaseDTO.ExemptionApplication: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("route", route)
        json.field("prescriberName", prescriberName)
        json.field("prescriberHPR", prescriberHPR)
        json.field("patientNIN", patientNIN)
        json.field("group", group)
        json.field("medicineName", medicineName)
        json.field("atc", atc)
        json.field("strengthAndForm", strengthAndForm)
        json.field("indication", indication)
        json.field("dosage", dosage)
        json.field("duration", duration)
        json.field("medicalJustification", medicalJustification)
        json.field("trustCaseNumber", trustCaseNumber)
        json.field("trustApprovedOn", trustApprovedOn)
        json.endObject()
    }
}
