import Foundation
import SQLKit
import ToolkitCore

/// Therapists' contact details for their clients' safety plans. Changes are audited.
struct PracticeContactStore: Sendable {
    let database: Database
    let audit: AuditLog

    func contact(for therapistID: String) async throws -> PracticeContact? {
        try await database.read { db in
            try await db.select().column("phone").column("hours").from("practice_contacts")
                .where("therapist_id", .equal, therapistID)
                .first(decoding: PracticeContact.self)
        }
    }

    /// Sets (or, with both fields empty, removes) a therapist's details.
    func save(_ contact: PracticeContact, for therapist: User, by actor: User, address: String?) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        try await database.transaction { db in
            try await db.delete(from: "practice_contacts").where("therapist_id", .equal, therapist.id).run()
            if !(contact.phone.isEmpty && contact.hours.isEmpty) {
                try await db.insert(into: "practice_contacts").columns("therapist_id", "phone", "hours", "updated_at")
                    .values(SQLBind(therapist.id), SQLBind(contact.phone), SQLBind(contact.hours), SQLBind(now)).run()
            }
            try await audit.append(AuditEvent(actorID: actor.id, actorRole: actor.role, action: "practice-contact.write",
                                              targetType: "user", targetID: therapist.id, subjectUserID: therapist.id,
                                              address: address), on: db)
        }
    }
}
