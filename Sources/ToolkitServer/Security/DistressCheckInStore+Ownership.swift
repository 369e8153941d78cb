import SQLKit

extension DistressCheckInStore {
    /// Whether a check-in with this id exists and belongs to this client: the flow's page is
    /// shown only for the client's own check-ins, so a made-up or borrowed id answers 404.
    func exists(id: String, for owner: User) async throws -> Bool {
        try await store.database.sql.select().column("id").from("distress_check_ins")
            .where("id", .equal, id).where("user_id", .equal, owner.id)
            .first() != nil
    }
}
