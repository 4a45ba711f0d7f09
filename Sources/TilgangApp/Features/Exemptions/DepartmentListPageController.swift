import Fluent
import TilgangDomain
import Vapor

/// The simplified hospital routine as a page (`/fritak/avdelingslister`): a department's lists, compiled from a
/// textarea and signed.
struct DepartmentListPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(SiteURL.exemptions, "avdelingslister").grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(use: page)
        pages.post(use: create)
        pages.post(":id", "signer", use: sign)
    }

    struct Form: Content {
        var departmentCode: String?
        var year: String?
        /// One medicine per line: `catalogue id; indication; quantity; justification`.
        var lines: String?
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, form: Form(), errors: [], message: Flash.take(req))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let input = try Self.input(form)
            _ = try await req.departmentLists.create(input, by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.exemptions, SiteURL.departmentLists), "Listen er opprettet.")
        } catch let failure as ValidationFailure {
            return try await render(req, form: form, errors: failure.errors.map(Self.lineMessage), message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func sign(req: Request) async throws -> Response {
        do {
            _ = try await req.departmentLists.sign(try DepartmentListAPIController.id(req), by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.exemptions, SiteURL.departmentLists), "Listen er signert.")
        } catch let error as Abort {
            return Flash.redirect(req, to: SiteURL.absolute(SiteURL.exemptions, SiteURL.departmentLists), error.reason)
        }
    }

    /// Reads the textarea; a line with the wrong number of parts is named by its number.
    static func input(_ form: Form) throws -> DepartmentListInput {
        var items: [DepartmentListItem] = []
        var errors: [FieldError] = []
        let lines = (form.lines ?? "").split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4 else {
                errors.append(
                    FieldError(field: "items[\(index)]", message: "skriv fire deler skilt med semikolon"))
                continue
            }
            items.append(
                DepartmentListItem(
                    medicineId: parts[0], medicineName: nil, indication: parts[1], quantity: parts[2],
                    justification: parts[3]))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return DepartmentListInput(departmentCode: form.departmentCode, year: Int(form.year ?? ""), items: items)
    }

    /// `items[2].quantity` reads as «Linje 3 (quantity)» on the page.
    static func lineMessage(_ error: FieldError) -> String {
        guard error.field.hasPrefix("items["), let close = error.field.firstIndex(of: "]"),
            let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close])
        else { return error.description }
        let rest = error.field[error.field.index(after: close)...].dropFirst()
        return "Linje \(index + 1)\(rest.isEmpty ? "" : " (\(rest))"): \(error.message)"
    }

    private func render(_ req: Request, form: Form, errors: [String], message: String?) async throws -> View {
        let user = try req.user
        let lists = try await req.departmentLists.list(for: user)
        let departments = try await DepartmentModel.query(on: req.db).filter(\.$trustCode == user.organisation)
            .sort(\.$name).all().map {
                SelectOption(value: $0.id ?? "", label: $0.name, selected: $0.id == form.departmentCode)
            }
        let text: String? =
            switch message {
            case "opprettet": "Listen er lagret og venter på signatur."
            case "signert": "Listen er signert."
            default: message
            }
        return try await req.view.render(
            "exemptions/department-lists",
            DepartmentListsContext(
                title: "Avdelingslister", currentUser: UserView(user), csrf: CSRF.token(for: req),
                lists: lists.map {
                    .init(
                        dto: $0, signedAt: $0.signedAt.map(OsloTime.date),
                        maySign: $0.signedBy == nil && DepartmentExemptionList.signerRoles.contains(user.role))
                }, mayCompile: user.role == .hospitalPharmacist, departments: departments,
                year: form.year ?? String(req.clock.today.year + 1), lines: form.lines ?? "",
                errors: errors, message: text))
    }
}
