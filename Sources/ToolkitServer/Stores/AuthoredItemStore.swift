import Foundation
import SQLKit
import ToolkitCore

/// Items therapists write in the app, as library files (see `CreateAuthoredItems`). Every change
/// is audited. What the library serves is read through `LibraryCatalog`.
struct AuthoredItemStore: Sendable {
    let database: Database
    let audit: AuditLog

    struct Row: Codable, Sendable, Equatable {
        var id: String
        var createdAt: Int64
        var updatedAt: Int64
        var authorId: String
        var authorName: String
        var published: Int
        /// The version the library serves: it passed the content check.
        var source: String?
        /// A working copy that does not pass yet.
        var draft: String?

        var isPublished: Bool { published != 0 }
        /// What the editor opens: the working copy when there is one.
        var editorSource: String? { draft ?? source }

        /// The editor's text read as an item, under this row's id.
        var editorItem: LibraryItem? {
            guard let source = editorSource, var item = try? ItemParser.parse(source, fileName: id) else { return nil }
            item.id = id
            return item
        }
    }

    private func selectRows(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: "authored_items")).column(SQLColumn("created_at", table: "authored_items"))
            .column(SQLColumn("updated_at", table: "authored_items")).column("author_id")
            .column(SQLAlias(SQLColumn("name", table: "users"), as: SQLIdentifier("author_name")))
            .column("published").column("source").column("draft")
            .from("authored_items")
            .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("author_id", table: "authored_items"))
    }

    /// Every item the library may serve (those with a checked version), for the catalog.
    func servable() async throws -> [Row] {
        try await database.read { db in
            try await selectRows(db).where(SQLColumn("source", table: "authored_items"), .isNot, SQLLiteral.null)
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    func items(by authorID: String) async throws -> [Row] {
        try await database.read { db in
            try await selectRows(db).where("author_id", .equal, authorID)
                .orderBy(SQLOrderBy(expression: SQLColumn("updated_at", table: "authored_items"), direction: SQLDirection.descending))
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    func row(_ id: String) async throws -> Row? {
        try await database.read { db in
            try await selectRows(db).where(SQLColumn("id", table: "authored_items"), .equal, SQLBind(id))
                .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// The item with this id when `author` wrote it; nil for anyone else's (or none).
    func row(_ id: String?, ownedBy author: User) async throws -> Row? {
        guard let id, let row = try await row(id), row.authorId == author.id else { return nil }
        return row
    }

    /// "live" (in the library), "draft" (not yet passing the checks) or "live-with-draft".
    static func status(_ row: Row) -> String {
        switch (row.source != nil, row.draft != nil) {
        case (false, _): "draft"
        case (true, true): "live-with-draft"
        case (true, false): "live"
        }
    }

    /// Creates or updates an item. Text that passes the content check becomes what the library
    /// serves; text that doesn't is kept as the draft beside the last version that did.
    /// Returns false when the item exists but belongs to someone else.
    @discardableResult
    func save(id: String, markdown: String, passesCheck: Bool, author: User, address: String?) async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970)
        return try await database.transaction { db in
            let owner = try await db.select().column("author_id").from("authored_items").where("id", .equal, id)
                .first(decodingColumn: "author_id", as: String.self)
            if let owner, owner != author.id { return false }
            if owner == nil {
                try await db.insert(into: "authored_items")
                    .columns("id", "created_at", "updated_at", "author_id", "published", "source", "draft")
                    .values(SQLBind(id), SQLBind(now), SQLBind(now), SQLBind(author.id), SQLBind(0),
                            SQLBind(passesCheck ? markdown : nil), SQLBind(passesCheck ? nil : markdown))
                    .run()
            } else if passesCheck {
                try await db.update("authored_items").set("source", to: SQLBind(markdown)).set("draft", to: SQLLiteral.null)
                    .set("updated_at", to: SQLBind(now)).where("id", .equal, id).run()
            } else {
                try await db.update("authored_items").set("draft", to: SQLBind(markdown))
                    .set("updated_at", to: SQLBind(now)).where("id", .equal, id).run()
            }
            try await audit.append(AuditEvent(actorID: author.id, actorRole: author.role, action: "authored-item.write",
                                              targetType: "authored-item", targetID: id, address: address,
                                              detail: passesCheck ? "checked" : "draft"), on: db)
            return true
        }
    }

    /// Publishing shares an item with every therapist of the deployment; only a checked version
    /// can be published. Returns false when the item is not the author's or has no checked version.
    func setPublished(_ id: String, _ published: Bool, author: User, address: String?) async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970)
        return try await database.transaction { db in
            let changed = try await db.update("authored_items").set("published", to: SQLBind(published ? 1 : 0))
                .set("updated_at", to: SQLBind(now))
                .where("id", .equal, id).where("author_id", .equal, author.id)
                .where("source", .isNot, SQLLiteral.null)
                .returning("id").first(decodingColumn: "id", as: String.self)
            guard changed != nil else { return false }
            try await audit.append(AuditEvent(actorID: author.id, actorRole: author.role,
                                              action: published ? "authored-item.publish" : "authored-item.unpublish",
                                              targetType: "authored-item", targetID: id, address: address), on: db)
            return true
        }
    }

    func delete(_ id: String, author: User, address: String?) async throws -> Bool {
        try await database.transaction { db in
            let deleted = try await db.delete(from: "authored_items").where("id", .equal, id).where("author_id", .equal, author.id)
                .returning("id").first(decodingColumn: "id", as: String.self)
            guard deleted != nil else { return false }
            try await audit.append(AuditEvent(actorID: author.id, actorRole: author.role, action: "authored-item.delete",
                                              targetType: "authored-item", targetID: id, address: address), on: db)
            return true
        }
    }
}
