import Foundation
import Hummingbird
import ToolkitCore

/// `/api/v1/auth/token`, `/api/v1/me` and the API description.
struct AuthAPIController {
    let services: AppServices

    struct TokenRequest: Decodable { var email: String; var password: String }
    struct TokenResponse: Encodable { var token: String; var expiresAt: Date }
    struct Me: Encodable { var id: String; var name: String; var email: String; var role: String }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/auth/token", use: issueToken)
        router.post("/api/v1/auth/revoke", use: revokeToken)
        router.get("/api/v1/me", use: me)
        router.get("/api/v1/openapi.yaml", use: openAPI)
    }

    @Sendable func issueToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let body = try? await request.decode(as: TokenRequest.self, context: context) else {
            return Responses.jsonError(.badRequest, "Send JSON with \"email\" and \"password\".")
        }
        let address = services.clientAddress(request, context: context)
        if try await services.throttle.isBlocked(email: body.email, address: address) {
            try await services.audit.append(AuditEvent(action: "login", outcome: .denied, address: address, detail: "api throttled"))
            return Responses.jsonError(.tooManyRequests, "Too many attempts. Please wait 15 minutes and try again.")
        }
        guard let user = try await services.accounts.authenticate(email: body.email, password: body.password) else {
            try await services.throttle.recordFailure(email: body.email, address: address)
            try await services.audit.append(AuditEvent(action: "login", outcome: .failure, address: address, detail: "api"))
            return Responses.jsonError(.unauthorized, "That email and password don't match an account.")
        }
        if user.hasSecondFactor || (services.configuration.requireTOTP && user.userRole.canUseSecondFactor) {
            return Responses.jsonError(.forbidden, "Accounts with two-step sign-in use the web app; API tokens are for accounts without it.")
        }
        try await services.throttle.recordSuccess(email: body.email, address: address)
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
