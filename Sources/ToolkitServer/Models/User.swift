import Foundation
import ToolkitCore

/// A stored account.
struct User: Codable, Sendable, Equatable {
    var id: String
    var createdAt: Int64
    var updatedAt: Int64
    /// For clients: the therapist who looks after them.
    var therapistId: String?
    var email: String
    var name: String
    var role: String
    var passwordHash: String
    var disabled: Int
    /// The second-factor secret, sealed with the deployment key.
    var totpSecret: String?
    var totpEnabled: Int
    /// The person's time zone identifier ("Europe/London"), nil until guessed or chosen.
    var timeZone: String? = nil

    var userRole: Role { Role(rawValue: role) ?? .client }
    var isDisabled: Bool { disabled != 0 }
    var hasSecondFactor: Bool { totpEnabled != 0 && totpSecret != nil }
}
