import SQLKit

/// One-time links: invitations (a therapist invites a new client) and password resets. Only
/// hashes of the link's token and of the invitation code are kept, never the secrets themselves.
struct CreateAccountLinks: Migration {
    let name = "CreateAccountLinks"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "account_links")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            // For an invitation, the therapist the new client will belong to.
            .column("therapist_id", type: .text, .references("users", "id", onDelete: .cascade))
            // For a reset, the account whose password it sets; for an invitation, the account it made.
            .column("user_id", type: .text, .references("users", "id", onDelete: .cascade))
            .column("created_by", type: .text)
            .column("purpose", type: .text, .notNull)
            .column("token_hash", type: .text, .notNull, .unique)
            .column("code_hash", type: .text, .unique)
            // The therapist's own reminder of who an invitation is for; never shown to the invitee.
            .column("label", type: .text, .notNull, .default(""))
            .column("used_at", type: .bigint)
            .column("revoked_at", type: .bigint)
            .run()
        try await database.create(index: "account_links_therapist_idx").on("account_links")
            .column("therapist_id").column("purpose").run()
        try await database.create(index: "account_links_user_idx").on("account_links").column("user_id").run()
    }
}
