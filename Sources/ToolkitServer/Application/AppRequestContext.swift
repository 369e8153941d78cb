import Hummingbird
import NIOCore

/// What the app knows about one request as it passes through the middleware to a handler.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's socket address; formatted only when someone asks (most requests never do).
    private let remoteAddress: SocketAddress?
    /// The peer's address as the socket reports it ("unknown" in router tests).
    var peerAddress: String { remoteAddress?.ipAddress ?? "unknown" }
    /// The signed-in person, from a session cookie or an API token.
    var user: User?
    /// The browser session, when the request came with a valid session cookie.
    var session: Session?
    /// Someone who gave the right password and still owes the second factor.
    var pendingSecondFactorSession: Session?
    /// The parsed body of a form post (filled in by the body middleware).
    var form = FormData()
    /// True when the request was authenticated by an API bearer token.
    var authenticatedByToken = false
    /// The database's content generation as it stood when the request arrived, read once (for a
    /// browser session) before anything else: what was kept under it is current for this request.
    var contentGeneration: UInt64?
    /// True when the request came as HEAD and is being answered as GET without the body.
    var isHeadRequest = false

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are collected once, with the configured limit, by `BodyLimitMiddleware`.
    public var maxUploadSize: Int { BodyLimitMiddleware.defaultLimit }
}
