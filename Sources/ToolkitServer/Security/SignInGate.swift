import Foundation
import Logging

/// One sign-in attempt (a password, or a second-factor code) from start to finish: the throttle
/// reserves the attempt before anything is checked, the check runs, and the outcome is audited.
///
/// It fails closed: when the throttle or the audit trail can't be written, the answer is
/// `unavailable` and says nothing about whether the password was right.
struct SignInGate: Sendable {
    let throttle: LoginThrottle
    let audit: AuditLog

    enum Outcome<Accepted: Sendable>: Sendable {
        case accepted(Accepted)
        case rejected
        case throttled(retryAfter: Int)
        case unavailable
    }

    /// - Parameters:
    ///   - email: the account the attempt is for (it keys the per-account limit).
    ///   - action: the audit action, such as "login" or "login.second-factor".
    ///   - detail: a non-content note for the audit record, such as "api".
    ///   - subject: the account, when it is already known (a second-factor code).
    ///   - check: the password or code check; nil means wrong.
    func attempt<Accepted: Sendable>(email: String, address: String, action: String = "login", detail: String? = nil,
                                     subject: User? = nil, logger: Logger,
                                     check: @Sendable () async throws -> Accepted?) async -> Outcome<Accepted> {
        let decision: LoginThrottle.Decision
        do {
            decision = try await throttle.reserve(email: email, address: address)
        } catch {
            logger.error("Sign-in attempt refused: the throttle could not be written: \(String(reflecting: type(of: error)))")
            return .unavailable
        }
        guard case .proceed(let reservation) = decision else {
            if case .refused(let wait) = decision {
                try? await audit.append(AuditEvent(
                    actorID: subject?.id, actorRole: subject?.role, action: action, subjectUserID: subject?.id,
                    outcome: .denied, address: address, detail: [detail, "throttled"].compactMap { $0 }.joined(separator: " ")))
                return .throttled(retryAfter: wait)
            }
            return .unavailable
        }
        do {
            guard let accepted = try await check() else {
                // The reservation stays as the recorded failure.
                try await audit.append(AuditEvent(actorID: subject?.id, actorRole: subject?.role, action: action,
                                                  subjectUserID: subject?.id, outcome: .failure, address: address, detail: detail))
                return .rejected
            }
            try await throttle.succeeded(reservation)
            return .accepted(accepted)
        } catch {
            logger.error("Sign-in attempt refused: the check or its audit record failed: \(String(reflecting: type(of: error)))")
            return .unavailable
        }
    }
}
