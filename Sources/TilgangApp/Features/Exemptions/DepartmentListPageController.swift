import Fluent
import TilgangDomain
import Vapor

/// The simplified hospital routine as a page (`/fritak/avdelingslister`): a department's lists, compiled from a
/// textarea and signed. The form searches the catalogue by name, substance or ATC code on the server (no
/// JavaScript): a search re-renders the form with what was typed and the medicines found, and «Legg til» adds a
/// medicine's line, so nobody types internal catalogue ids.
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
        /// The catalogue search's text.
        var q: String?
        /// "search" when the search button was pressed.
        var action: String?
        /// The catalogue id of a medicine picked from the search results.
        var add: String?
    }

    /// How many medicines a search shows.
    static let searchLimit = 25

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, form: Form(), errors: [], message: Flash.take(req))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        var form = try req.content.decode(Form.self)
        if let id = form.add?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
            // A medicine picked from the results: its line is added for the pharmacist to complete.
            let medicine = try await req.catalogue.medicine(id: id)
            if let medicine, medicine.norwegianAuthorisation != .authorised, let catalogueID = medicine.id {
                let typed = (form.lines ?? "").trimmingCharacters(in: .newlines)
                form.lines = (typed.isEmpty ? "" : typed + "\n") + "\(catalogueID); ; ; "
            }
            return try await render(req, form: form, errors: [], message: nil, search: true)
                .encodeResponse(for: req)
        }
        if form.action == "search" {
            return try await render(req, form: form, errors: [], message: nil, search: true).encodeResponse(for: req)
        }
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

    /// `items[2].quantity` reads as «Linje 3 (Mengde)» on the page; other fields by their Norwegian labels.
    static func lineMessage(_ error: FieldError) -> String {
        guard error.field.hasPrefix("items["), let close = error.field.firstIndex(of: "]"),
            let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close])
        else { return "\(FieldLabels.label(error.field)): \(error.message)" }
        let rest = String(error.field[error.field.index(after: close)...].dropFirst())
        return "Linje \(index + 1)\(rest.isEmpty ? "" : " (\(FieldLabels.label(rest)))"): \(error.message)"
    }

    private func render(_ req: Request, form: Form, errors: [String], message: String?, search: Bool = false)
        async throws -> View
    {
        let user = try req.user
        let q = (form.q ?? "").trimmingCharacters(in: .whitespaces)
        var results: [DepartmentListSearchResult] = []
        if search && user.role == .hospitalPharmacist {
            results = try await req.catalogue.search(q, limit: Self.searchLimit).map { DepartmentListSearchResult($0) }
        }
        var picked: [String] = []
        for line in (form.lines ?? "").split(whereSeparator: \.isNewline) {
            let id = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !id.isEmpty, let medicine = try await req.catalogue.medicine(id: id) {
                picked.append("\(id): \(medicine.name)")
            }
        }
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
        let rows = lists.map { dto in
            DepartmentListsContext.Row(
                dto: dto, signedAt: dto.signedAt.map(OsloTime.date),
                maySign: dto.signedBy == nil && DepartmentExemptionList.signerRoles.contains(user.role))
        }
        let context = DepartmentListsContext(
            title: "Avdelingslister", currentUser: UserView(user), csrf: CSRF.token(for: req), lists: rows,
            mayCompile: user.role == .hospitalPharmacist, departments: departments,
            year: form.year ?? String(req.clock.today.year + 1), lines: form.lines ?? "", q: q, searched: search,
            results: results, picked: picked, errors: errors, message: text)
        return try await req.view.render("exemptions/department-lists", context)
    }
}
