import Foundation
import Hummingbird

/// Finds who is making the request: a browser session cookie, or an API bearer token under /api.
/// Disabled accounts are treated as signed out.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // On PostgreSQL a GET from a session or token in use is first answered under a claim on
        // the latest generation this process has read (see `GenerationClaim`): the generation read
        // after the request arrived then comes with its audit record, in one round trip, or is
        // made before the answer goes out. Only a GET is answered twice, when the claim fails.
        if request.method == .get, let claim = services.database.generationClaim(),
           let keptContext = keptIdentity(request, context: context, generation: claim.generation) {
            do {
                let response = try await GenerationClaim.$current.withValue(claim) { try await proceed(request, context: keptContext, next: next) }
                try await claim.confirm()
                return response
            } catch is GenerationMoved {
                // Something may have changed since: answered again below, the ordinary way.
            } catch {
                // A refusal found under the claim is an answer too, given only once the claim holds.
                if (try? await claim.confirm()) != nil { throw error }
            }
        }
        var context = context
        if request.isAPI {
            // The API knows only bearer tokens; a browser's session cookie grants nothing there.
            // A token in use is read once and kept until the next write, like a session; its
            // expiry is checked every time.
            if let token = Self.bearerToken(request) {
                let generation = await services.database.contentGeneration()
                context.contentGeneration = generation
                if let generation, let kept = keptIdentity(request, context: context, generation: generation) {
                    context = kept
                } else if let holder = try await services.apiTokens.holder(tokenHash: Randomness.sha256Hex(token)) {
                    if let generation {
                        services.apiTokenHolders.keep(holder, under: Randomness.sha256Hex(token), generation: generation,
                                                      storedAt: services.configuration.clock())
                    }
                    if holder.isLive(at: Date()), !holder.user.isDisabled {
                        context.user = holder.user
                        context.authenticatedByToken = true
                    }
                }
            }
        } else if let token = request.cookies[services.cookies.sessionName]?.value {
            // A session in use is read once and kept until the next write (see KeptUntilWrite):
            // signing out, a disabled account or a changed name is a write, and retires it.
            let generation = await services.database.contentGeneration()
            context.contentGeneration = generation
            if let generation, let kept = keptIdentity(request, context: context, generation: generation) {
                context = kept
            } else if let session = try await services.sessions.find(token: token) {
                if session.isSecondFactorPending {
                    context.pendingSecondFactorSession = session
                } else if let user = try await services.accounts.find(id: session.userId), !user.isDisabled {
                    context.session = session
                    context.user = user
                    if let generation {
                        services.signedInSessions.keep(SignedIn(session: session, user: user), under: Randomness.sha256Hex(token),
                                                       generation: generation, storedAt: services.configuration.clock())
                    }
                }
            }
        }
        return try await proceed(request, context: context, next: next)
    }

    /// The person of a session or token in use as kept under `generation`, without reading
    /// anything; nil when nothing usable is kept for it under that generation (or the request has
    /// neither): then the session or token is read.
    private func keptIdentity(_ request: Request, context: Context, generation: UInt64) -> Context? {
        var context = context
        let now = services.configuration.clock()
        if request.isAPI {
            guard let token = Self.bearerToken(request),
                  let holder = services.apiTokenHolders.value(Randomness.sha256Hex(token), generation: generation, now: now),
                  holder.isLive(at: Date()), !holder.user.isDisabled else { return nil }
            context.user = holder.user
            context.authenticatedByToken = true
        } else {
            guard let token = request.cookies[services.cookies.sessionName]?.value,
                  let kept = services.signedInSessions.value(Randomness.sha256Hex(token), generation: generation, now: now),
                  services.sessions.isCurrentWithoutTouch(kept.session) else { return nil }
            context.session = kept.session
            context.user = kept.user
        }
        context.contentGeneration = generation
        return context
    }

    /// The rest of the chain, once who is asking is known.
    private func proceed(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if services.configuration.requireTOTP, let user = context.user, SecondFactorRequirement.blocks(user, path: request.uri.path) {
            if request.isAPI {
                throw HTTPError(.forbidden, message: "Set up two-step sign-in in the web app before using the API.")
            }
            return Responses.redirect(to: SiteURL.accountSecondFactor.path)
        }
        // Every date on the page reads in the person's own time zone.
        let zone = context.user?.timeZone.flatMap(DisplayTime.zone(named:))
        return try await DisplayTime.$zone.withValue(zone) { try await next(request, context) }
    }

    /// The token after "Bearer " (any case), without surrounding spaces or tabs; read byte by
    /// byte because every API request passes through here.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let bytes = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ given, expected in expected == 0x20 ? given == 0x20 : given | 0x20 == expected })
        else { return nil }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = scheme.count, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }
}

/// A browser session that grants access, with its person, as kept between requests.
struct SignedIn: Sendable {
    var session: Session
    var user: User
}
