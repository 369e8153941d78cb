import HTTPTypes
import Hummingbird

/// Refuses state-changing requests that another site could have made on someone's behalf.
///
/// Two checks: the Origin (or Referer) must be this app's own, and the form must carry the token
/// bound to the session (or, before sign-in, the token in the `csrf` cookie). The JSON API takes
/// no cookies at all, so it has no ambient authority to protect.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        // The JSON API authenticates only with bearer tokens, never with cookies, so a forged
        // cross-site request has no authority to borrow there; its handlers answer 401 themselves.
        if request.isAPI { return try await next(request, context) }
        guard originIsOurs(request) else {
            throw HTTPError(.forbidden, message: "This form came from another site, so it was not accepted. Please reload the page and try again.")
        }
        let sent = context.form.has(Self.fieldName) ? context.form[Self.fieldName] : (request.headers[Self.headerName] ?? "")
        let expected = (context.session ?? context.pendingSecondFactorSession)?.csrfToken
            ?? request.cookies[services.cookies.csrfName]?.value
        guard let expected, !sent.isEmpty, constantTimeEquals(sent, expected) else {
            // A long form whose session ended or whose page went stale loses nothing: it comes
            // back filled in (signed in) or travels through sign-in (signed out), unsaved.
            if let held = HeldForm(rejectedPost: request.uri.path, form: context.form) { return try await heldFormResponse(held, request, context) }
            throw HTTPError(.forbidden, message: "This form had expired, so it was not accepted. Please reload the page and try again; what you typed may need entering again.")
        }
        return try await next(request, context)
    }

    private func heldFormResponse(_ held: HeldForm, _ request: Request, _ context: Context) async throws -> Response {
        if let session = context.session, let user = context.user,
           let page = try await held.resumedPage(for: user, csrfToken: session.csrfToken, services: services,
                                                 address: services.clientAddress(request, context: context)) {
            return page
        }
        let existing = request.cookies[services.cookies.csrfName]?.value
        let token = existing ?? Randomness.token()
        var response = Responses.html(LoginPage(csrfToken: token, notice: HeldForm.signInNotice, held: held).render(), status: .unauthorized)
        if existing == nil { response.setCookie(services.cookies.csrf(token)) }
        return response
    }

    /// With PUBLIC_URL set, the origin must be exactly that; otherwise it must match the Host header.
    ///
    /// Pages are served with `Referrer-Policy: no-referrer`, under which browsers send
    /// `Origin: null` on form posts. In that case the browser's `Sec-Fetch-Site` header decides:
    /// only `same-origin` passes. Clients that send neither rely on the form token alone.
    func originIsOurs(_ request: Request) -> Bool {
        let origin = request.headers[.origin]
        if let origin, origin != "null" { return expectedOrigins(request).contains(origin) }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" }
        if origin == "null" { return false }
        if let referer = request.headers[.referer], let refererOrigin = Self.origin(ofURL: referer) {
            return expectedOrigins(request).contains(refererOrigin)
        }
        return true
    }

    private func expectedOrigins(_ request: Request) -> [String] {
        if let allowed = services.configuration.allowedOrigin { return [allowed] }
        guard let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!] else { return [] }
        return ["http://\(host)", "https://\(host)"]
    }

    static func origin(ofURL text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
    }
}

import Foundation
