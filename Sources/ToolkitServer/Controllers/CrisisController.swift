import Hummingbird
import ToolkitCore

/// The public crisis page, and the admin page that sets the deployment's crisis lines.
struct CrisisController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        // GET /crisis itself is answered from memory by CrisisPageResponder, ahead of the router.
        router.get(RouterPath(SiteURL.crisisPersonal.path), use: personal)
        router.get(RouterPath(SiteURL.adminCrisisLines.path), use: editLines)
        router.post(RouterPath(SiteURL.adminCrisisLines.path), use: saveLines)
    }

    /// The one crisis page everyone gets, rendered from memory.
    func page(lines: [CrisisLine]) -> CrisisPage {
        let library = services.library
        return CrisisPage(lines: lines,
                          grounding: library.item("grounding-5-4-3-2-1"), breathing: library.item("paced-breathing-longer-exhale"),
                          criticScript: library.item("when-the-critic-is-loud"),
                          supportiveVoice: library.item("calling-up-your-supportive-voice"))
    }

    struct Personal: Codable {
        var signedIn: Bool
        var role: String?
        /// A client's answered lines of My critic and my answers, oldest first.
        var criticScript: [CriticAnswer]?
    }

    /// What the crisis page's script asks for after the page is shown: whether the person is
    /// signed in, and as what, so a client's own links and their answers to their critic can
    /// appear. The page itself never waits for this.
    @Sendable func personal(_ request: Request, context: AppRequestContext) async throws -> Response {
        var personal = Personal(signedIn: context.user != nil, role: context.user?.role)
        if let client = context.user, client.userRole == .client {
            let lines = try await services.criticAnswers.all(for: client, address: services.clientAddress(request, context: context))
            personal.criticScript = CriticAnswer.script(lines.reversed().map(\.entry))
        }
        var response = try Responses.json(personal)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func editLines(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let notice = request.uri.queryParameters["saved"] != nil ? "Saved. The Need help now page shows these lines now." : nil
        return Responses.html(CrisisLinesAdminPage(admin: admin, csrfToken: session.csrfToken,
                                                   lines: services.crisisLines.lines(), notice: notice).render())
    }

    @Sendable func saveLines(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let form = context.form
        func value(_ name: String) -> String? {
            let text = form[name].trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        let lines: [CrisisLine] = (0..<CrisisLinesAdminPage.rows).compactMap { index in
            let line = CrisisLine(name: value("name\(index)") ?? "", phone: value("phone\(index)"), text: value("text\(index)"),
                                  hours: value("hours\(index)"), website: value("website\(index)"), region: value("region\(index)"))
            let isBlank = line.name.isEmpty && line.phone == nil && line.text == nil && line.website == nil
            return isBlank ? nil : line
        }
        let problems = lines.flatMap { $0.problems() }
        guard problems.isEmpty else {
            return Responses.html(CrisisLinesAdminPage(admin: admin, csrfToken: session.csrfToken, lines: lines, errors: problems).render(),
                                  status: .unprocessableContent)
        }
        try services.crisisLines.save(lines)
        try await services.audit.append(AuditEvent(actorID: admin.id, actorRole: admin.role, action: "crisis-lines.update",
                                                   address: services.clientAddress(request, context: context), detail: "lines=\(lines.count)"))
        return Responses.redirect(to: SiteURL.adminCrisisLines.path + "?saved=1")
    }
}
