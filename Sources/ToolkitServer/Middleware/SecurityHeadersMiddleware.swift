import HTTPTypes
import Hummingbird

/// Adds the browser protections to every response, errors included.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let isSecure: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "font-src 'self'", "media-src 'self'", "worker-src 'self'",
        "manifest-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The protections as header fields, built once.
    static func fields(isSecure: Bool) -> [HTTPField] {
        var fields = [
            HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
            HTTPField(name: .xContentTypeOptions, value: "nosniff"),
            HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "no-referrer"),
            HTTPField(name: HTTPField.Name("X-Frame-Options")!, value: "DENY"),
            HTTPField(name: HTTPField.Name("Permissions-Policy")!, value: "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            HTTPField(name: HTTPField.Name("Cross-Origin-Opener-Policy")!, value: "same-origin"),
        ]
        if isSecure {
            fields.append(HTTPField(name: .strictTransportSecurity, value: "max-age=63072000; includeSubDomains"))
        }
        return fields
    }

    private let fields: [HTTPField]
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let recordingPermissions = "camera=(), microphone=(self), geolocation=(), interest-cohort=()"

    init(isSecure: Bool) {
        self.isSecure = isSecure
        self.fields = Self.fields(isSecure: isSecure)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in fields { response.headers[field.name] = field.value }
        // The one page that records: a therapist's voice for their practice, from this app only.
        if VoiceController.isRecordingPage(request.uri.path) {
            response.headers[Self.permissionsPolicy] = Self.recordingPermissions
        }
        // Anything that is not explicitly public (static assets, public library pages) is never cached.
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
