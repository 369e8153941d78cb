import Foundation
import SQLKit
import ToolkitCore

/// The recorded steps of therapists' own guided practices (see `CreateStepRecordings`). Changes
/// are audited; who may hear a recording is decided by who may see its item.
struct StepRecordingStore: Sendable {
    let database: Database
    let audit: AuditLog

    struct Info: Codable, Sendable, Equatable {
        var step: Int
        var updatedAt: Int64
        var contentType: String
        var byteCount: Int
    }

    struct Audio: Sendable {
        var contentType: String
        var bytes: [UInt8]
        var updatedAt: Int64
    }

    /// Which steps of an item have a recording, by step (from 0).
    func recorded(_ itemID: String) async throws -> [Int: Info] {
        let rows = try await database.read { db in
            try await db.select().columns("step", "updated_at", "content_type", "byte_count").from("step_recordings")
                .where("item_id", .equal, itemID)
                .all(decoding: Info.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        return Dictionary(rows.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func audio(_ itemID: String, step: Int) async throws -> Audio? {
        struct Row: Decodable { var contentType: String; var audio: Data; var updatedAt: Int64 }
        let row = try await database.read { db in
            try await db.select().columns("content_type", "audio", "updated_at").from("step_recordings")
                .where("item_id", .equal, itemID).where("step", .equal, step)
                .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        return row.map { Audio(contentType: $0.contentType, bytes: Array($0.audio), updatedAt: $0.updatedAt) }
    }

    /// Keeps (or replaces) one step's recording. The caller has checked that `author` wrote the item.
    func save(_ itemID: String, step: Int, format: StepRecording.Format, audio: [UInt8], author: User, address: String?) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        try await database.transaction { db in
            // One statement, so two saves of one step at once (two tabs, a double click) both
            // succeed on either database: the later one's recording is kept.
            try await db.insert(into: "step_recordings").columns("item_id", "step", "updated_at", "content_type", "byte_count", "audio")
                .values(SQLBind(itemID), SQLBind(step), SQLBind(now), SQLBind(format.rawValue), SQLBind(audio.count), SQLBind(Data(audio)))
                .onConflict(with: ["item_id", "step"]) { conflict in
                    conflict.set(excludedValueOf: "updated_at").set(excludedValueOf: "content_type")
                        .set(excludedValueOf: "byte_count").set(excludedValueOf: "audio")
                }
                .run()
            try await audit.append(AuditEvent(actorID: author.id, actorRole: author.role, action: "step-recording.write",
                                              targetType: "authored-item", targetID: itemID, address: address,
                                              detail: "step \(step + 1)"), on: db)
        }
    }

    func delete(_ itemID: String, step: Int, author: User, address: String?) async throws {
        try await database.transaction { db in
            try await db.delete(from: "step_recordings").where("item_id", .equal, itemID).where("step", .equal, step).run()
            try await audit.append(AuditEvent(actorID: author.id, actorRole: author.role, action: "step-recording.delete",
                                              targetType: "authored-item", targetID: itemID, address: address,
                                              detail: "step \(step + 1)"), on: db)
        }
    }
}
