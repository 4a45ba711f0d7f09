import TilgangDomain
import Vapor

/// The page «Hvilken ordning gjelder?»: search the catalogue, fill the scenario, read the answer.
struct PathwayPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get { req in req.redirect(to: SiteURL.absolute(SiteURL.pathwayPage)) }
        // Open to everyone; a signed-in user is recognised so the page shows their name, not «Logg inn».
        routes.grouped(SessionUserAuthenticator()).get(SiteURL.pathwayPage, use: page)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        var form = try req.query.decode(PathwayForm.self)
        // The search box is echoed into the page: no control or bidi characters from a link.
        form.q = form.q.map(TextInputGuard.stripped)
        var errors = PathwayFieldErrors()
        var decision: RouteDecision?
        if form.wantsDecision {
            do {
                decision = try await req.pathway.decide(try Scenario.read(form.scenarioJSON))
            } catch let failure as ValidationFailure {
                errors = PathwayPageContextBuilder.fieldErrors(failure)
            }
        }
        var context = try await PathwayPageContextBuilder(catalogue: req.catalogue, today: req.clock.today)
            .context(form: form, errors: errors, decision: decision)
        context.currentUser = req.auth.get(AuthenticatedUser.self).map(UserView.init)
        return try await req.view.render("pathway/index", context)
    }
}
