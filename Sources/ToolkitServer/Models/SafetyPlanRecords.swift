/// The sharing and version pointer of a client's safety plan.
struct SafetyPlanRecord: Codable, Sendable {
    var userId: String
    var createdAt: Int64
    var updatedAt: Int64
    var shared: Int
    var currentVersion: Int
}

/// One saved version; `content` is the plan as JSON, sealed with the client's data key.
struct SafetyPlanVersionRecord: Codable, Sendable {
    var id: String
    var createdAt: Int64
    var userId: String
    var version: Int
    var content: String
}

/// A distress check-in; `content` holds the ratings, sealed with the client's data key.
struct DistressCheckInRecord: Codable, Sendable {
    var id: String
    var createdAt: Int64
    var updatedAt: Int64
    var userId: String
    var content: String
}

/// One of the client's own entries (a journal entry, ...); `content` is the entry as JSON,
/// sealed with the client's data key.
struct ClientEntryRecord: Codable, Sendable {
    var id: String
    var createdAt: Int64
    var updatedAt: Int64
    var userId: String
    var shared: Int
    var content: String
}
