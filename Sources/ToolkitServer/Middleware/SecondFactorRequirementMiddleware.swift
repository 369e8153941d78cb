import Hummingbird

/// Where the deployment requires it, therapists and admins without a second factor can reach
/// only the pages that set one up (and sign-out) until they have done so.
struct SecondFactorRequirementMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let required: Bool

    static let allowedPaths: Set<String> = [
        SiteURL.account.path, SiteURL.accountSecondFactor.path, SiteURL.logout.path, SiteURL.crisis.path, SiteURL.healthz.path,
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard required, let user = context.user, user.userRole.canUseSecondFactor, !user.hasSecondFactor,
              !Self.allowedPaths.contains(request.uri.path), !request.uri.path.hasPrefix("/static/") else {
            return try await next(request, context)
        }
        if request.isAPI {
            throw HTTPError(.forbidden, message: "Set up two-step sign-in in the web app before using the API.")
        }
        return Responses.redirect(to: SiteURL.accountSecondFactor.path)
    }
}
