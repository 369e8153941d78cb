import Hummingbird
import ToolkitCore

/// The public crisis page, and the admin page that sets the deployment's crisis lines.
struct CrisisController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.crisis.path), use: show)
        router.get(RouterPath(SiteURL.adminCrisisLines.path), use: editLines)
        router.post(RouterPath(SiteURL.adminCrisisLines.path), use: saveLines)
    }

    func page(user: User?, csrfToken: String?) -> CrisisPage {
        let library = services.library
        return CrisisPage(lines: services.crisisLines.lines(),
                          grounding: library.item("grounding-5-4-3-2-1"), breathing: library.item("paced-breathing-longer-exhale"),
                          criticScript: library.item("when-the-critic-is-loud"),
                          supportiveVoice: library.item("calling-up-your-supportive-voice"),
                          user: user, csrfToken: csrfToken)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.user == nil else {
            return Responses.html(page(user: context.user, csrfToken: context.session?.csrfToken).render())
        }
        // The anonymous page changes only when the crisis lines do: serve it with an ETag.
        let html = page(user: nil, csrfToken: nil).render()
        let etag = StaticAssets.etag(for: Array(html.utf8))
        let cacheControl = "public, max-age=0, must-revalidate"
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
        }
        var response = Responses.html(html)
        response.headers[.eTag] = etag
        response.headers[.cacheControl] = cacheControl
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
