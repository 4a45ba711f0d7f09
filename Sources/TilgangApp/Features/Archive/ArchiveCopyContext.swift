import Foundation
import TilgangDomain

/// The context of `cases/archive` for the archive package: the case page's context without anything that
/// depends on who reads it (actions, waiting for).
enum ArchiveCopyContext {
    static func make(_ dto: CaseDTO, reader: UserView, now: Date) -> CaseDetailContext {
        CaseDetailContext(
            title: "Sak \(dto.caseNumber)", currentUser: reader, csrf: "", c: dto,
            maskedPatient: dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked,
            printedAt: OsloTime.dateTime(now), created: dto.createdAt.map(OsloTime.dateTime) ?? "",
            decided: dto.decidedAt.map(OsloTime.date),
            transitions: dto.transitions.map {
                .init(
                    at: OsloTime.dateTime($0.at), actor: $0.actor, role: Role(rawValue: $0.actorRole)?.title ?? "",
                    trust: $0.actorTrust, onBehalfOf: $0.onBehalfOf,
                    from: CaseState(rawValue: $0.from)?.title ?? $0.from,
                    to: CaseState(rawValue: $0.to)?.title ?? $0.to, comment: $0.comment, benefit: $0.benefit,
                    resourceUse: $0.resourceUse, severity: $0.severity)
            }, actions: [], message: nil, approved: dto.state == CaseState.approved.rawValue, waitingFor: nil,
            routeTitle: Route(rawValue: dto.route)?.title ?? dto.route, rules: CaseDetailContext.rules(dto.routeRules))
    }
}
