/// What a person is in the practice: roles decide what they may reach.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin
    case therapist
    case client

    public var displayName: String {
        switch self {
        case .admin: "Administrator"
        case .therapist: "Therapist"
        case .client: "Client"
        }
    }

    /// Roles that handle other people's accounts may be required to use a second factor.
    public var canUseSecondFactor: Bool { self != .client }
}
