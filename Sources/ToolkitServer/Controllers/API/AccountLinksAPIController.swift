import Foundation
import Hummingbird
import ToolkitCore

/// Invitations and password reset links over the JSON API, for therapists.
struct AccountLinksAPIController {
    let services: AppServices

    struct InvitationResponse: Encodable {
        var id: String
        var label: String
        var createdAt: Date
        var expiresAt: Date
        var expired: Bool
        /// Only when the invitation was just made or renewed: the link and code exist nowhere else.
        var link: String?
        var code: String?
    }

    struct InvitationList: Encodable { var invitations: [InvitationResponse] }
    struct ResetLinkResponse: Encodable {
        var link: String
        var expiresAt: Date
    }

    /// `POST /api/v1/invitations`: an optional note for the therapist, nothing else.
    struct NewInvitation: Decodable {
        var label: String

        private enum Keys: String, CodingKey, CaseIterable { case label }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            label = try decoder.container(keyedBy: Keys.self).decodeUnlessAbsent(String.self, forKey: .label) ?? ""
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/invitations", use: list)
        router.post("/api/v1/invitations", use: create)
        router.post("/api/v1/invitations/:id/revoke", use: revoke)
        router.post("/api/v1/invitations/:id/renew", use: renew)
        router.post("/api/v1/clients/:id/reset-link", use: resetLink)
    }

    private func therapist(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist else { throw HTTPError(.forbidden, message: "Only therapists invite clients and make their reset links.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    private func response(_ link: AccountLinkStore.Link, issued: AccountLinkStore.Issued? = nil, request: Request) -> InvitationResponse {
        InvitationResponse(id: link.id, label: link.label, createdAt: link.created, expiresAt: link.expires,
                           expired: link.expires <= services.configuration.clock(),
                           link: issued.map { services.siteOrigin(request) + SiteURL.joinLink(token: $0.token).path },
                           code: issued?.code.map(OneTimeCode.grouped))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let therapist = try therapist(context)
        let open = try await services.accountLinks.openInvitations(of: therapist)
        return try Responses.json(InvitationList(invitations: open.map { response($0, request: request) }))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let therapist = try therapist(context)
        let body = try await APIRequestBody.decode(NewInvitation.self, from: request, context: context,
                                                   expected: "Send a JSON object, {} or {\"label\": \"a note only you see\"}.")
        let label = body.label.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = InvitationController.labelProblem(label) { return Responses.jsonError(.unprocessableContent, problem) }
        let issued = try await services.accountLinks.invite(by: therapist, label: label, address: address(request, context))
        return try Responses.json(response(issued.link, issued: issued, request: request), status: .created)
    }

    private func ownInvitation(_ context: AppRequestContext, _ therapist: User) async throws -> AccountLinkStore.Link {
        guard let id = context.parameters.get("id"), let link = try await services.accountLinks.openInvitation(id: id, of: therapist) else {
            throw HTTPError(.notFound, message: "You have no open invitation with that id; it may have been used or withdrawn.")
        }
        return link
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let therapist = try therapist(context)
        let link = try await ownInvitation(context, therapist)
        _ = try await services.accountLinks.revoke(link, by: therapist, address: address(request, context))
        return Response(status: .noContent)
    }

    @Sendable func renew(_ request: Request, context: AppRequestContext) async throws -> Response {
        let therapist = try therapist(context)
        let link = try await ownInvitation(context, therapist)
        guard let issued = try await services.accountLinks.renew(link, by: therapist, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "That invitation has just been used or withdrawn.")
        }
        return try Responses.json(response(issued.link, issued: issued, request: request))
    }

    @Sendable func resetLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let therapist = try therapist(context)
        let found = try await context.parameters.get("id").asyncMap { try await services.accounts.find(id: $0) } ?? nil
        guard let client = PasswordResetController.resettable(found, by: therapist) else {
            throw HTTPError(.notFound, message: "You have no client with that id.")
        }
        let issued = try await services.accountLinks.issueReset(for: client, by: therapist, address: address(request, context))
        return try Responses.json(ResetLinkResponse(link: services.siteOrigin(request) + SiteURL.passwordResetLink(token: issued.token).path,
                                                    expiresAt: issued.link.expires), status: .created)
    }
}
