import Fluent
import Foundation
import TilgangDomain

/// The context of `cases/archive` for the archive package: the case page's context without anything that
/// depends on who reads it (actions, waiting for).
enum ArchiveCopyContext {
    static func make(_ dto: CaseDTO, reader: UserView, now: Date, on db: any Database) async throws
        -> CaseDetailContext
    {
        var context = CaseDetailContext(
            title: "Sak \(dto.caseNumber)", currentUser: reader, csrf: "", c: dto,
            maskedPatient: dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked,
            printedAt: OsloTime.dateTime(now), created: dto.createdAt.map(OsloTime.dateTime) ?? "",
            decided: dto.decidedAt.map(OsloTime.date),
            transitions: dto.transitions.map(CaseDetailContext.TransitionView.init),
            actions: [], message: nil, approved: dto.state == CaseState.approved.rawValue, waitingFor: nil,
            routeTitle: Route(rawValue: dto.route)?.title ?? dto.route, rules: CaseDetailContext.rules(dto.routeRules))
        context.fillRecord()
        try await context.fillNames(on: db)
        return context
    }
}
