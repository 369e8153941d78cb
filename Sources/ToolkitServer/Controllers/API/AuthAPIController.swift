import Foundation
import Hummingbird
import ToolkitCore

/// `/api/v1/auth/token`, `/api/v1/me` and the API description.
struct AuthAPIController {
    let services: AppServices

    struct TokenResponse: Encodable { var token: String; var expiresAt: Date }
    struct Me: Encodable { var id: String; var name: String; var email: String; var role: String }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/auth/token", use: issueToken)
        router.post("/api/v1/auth/revoke", use: revokeToken)
        router.get("/api/v1/me", use: me)
        router.get("/api/v1/openapi.yaml", use: openAPI)
    }

    @Sendable func issueToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await APIRequestBody.decode(APIRequestBodies.Token.self, from: request, context: context,
                                                   expected: "Send JSON with \"email\" and \"password\".")
        let address = services.clientAddress(request, context: context)
        let accounts = services.accounts
        let user: User
        switch await services.signInGate.attempt(email: body.email, address: address, detail: "api", logger: context.logger, check: {
            try await accounts.authenticate(email: body.email, password: body.password)
        }) {
        case .throttled(let wait):
            var response = Responses.jsonError(.tooManyRequests,
                                               "Too many attempts. Please wait \(LoginThrottle.describeWait(seconds: wait)) and try again.")
            response.headers[.retryAfter] = String(wait)
            return response
        case .unavailable:
            return Responses.jsonError(.serviceUnavailable, "Signing in isn't possible for a moment. Please try again in a minute.")
        case .rejected:
            return Responses.jsonError(.unauthorized, "That email and password don't match an account.")
        case .accepted(let accepted):
            user = accepted
        }
        if user.hasSecondFactor || (services.configuration.requireTOTP && user.userRole.canUseSecondFactor) {
            return Responses.jsonError(.forbidden, "Accounts with two-step sign-in use the web app; API tokens are for accounts without it.")
        }
        let issued = try await services.apiTokens.issue(for: user.id)
        try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login",
                                                   subjectUserID: user.id, address: address, detail: "api"))
        return try Responses.json(TokenResponse(token: issued.token, expiresAt: issued.expiresAt), status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAPIUser()
        if let token = AuthenticationMiddleware.bearerToken(request) { try await services.apiTokens.revoke(token: token) }
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireAPIUser()
        return try Responses.json(Me(id: user.id, name: user.name, email: user.email, role: user.role))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let bytes = StaticAssets.shared.file(named: "openapi.yaml") else { throw HTTPError(.notFound) }
        var response = Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                                body: .init(byteBuffer: bytes.body))
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }
}
