import Foundation
import Logging
import NIOConcurrencyHelpers

/// One sign-in attempt (a password, or a second-factor code) from start to finish: the throttle
/// reserves the attempt before anything is checked, the check runs, and the outcome is audited.
///
/// It fails closed: when the throttle or the audit trail can't be written, the answer is
/// `unavailable` and says nothing about whether the password was right.
struct SignInGate: Sendable {
    let throttle: LoginThrottle
    let audit: AuditLog
    let admission: SignInAdmission

    /// Seconds a refused-while-busy attempt is asked to wait.
    static let busyRetryAfter = 2

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
        // Checks beyond the limit are refused before anything is reserved or hashed: nothing
        // was tried, so nothing is counted against the person.
        guard admission.enter() else {
            try? await audit.append(AuditEvent(
                actorID: subject?.id, actorRole: subject?.role, action: action, subjectUserID: subject?.id,
                outcome: .denied, address: address, detail: [detail, "busy"].compactMap { $0 }.joined(separator: " ")))
            return .throttled(retryAfter: Self.busyRetryAfter)
        }
        defer { admission.leave() }
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

/// How many sign-in checks may run at once in this process. bcrypt takes a core for a quarter of
/// a second; a burst of attempts beyond what the cores can hash promptly is refused at once
/// (429, try again in a moment) rather than queued for seconds.
final class SignInAdmission: Sendable {
    let limit: Int
    private let running = NIOLockedValueBox(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place if one is free; every `true` must be followed by one `leave()`.
    func enter() -> Bool {
        running.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        running.withLockedValue { $0 -= 1 }
    }

    var inUse: Int { running.withLockedValue { $0 } }
}
