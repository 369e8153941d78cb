import SQLKit

/// A counter that every committed write moves on (PostgreSQL): each app process reads it to know
/// whether what it keeps in memory is still current, whichever process wrote. SQLite needs none:
/// its one writer is in the app's own process and counts there.
struct CreateContentGeneration: Migration {
    let name = "CreateContentGeneration"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        guard kind == .postgresql else { return }
        try await database.raw("CREATE SEQUENCE content_generation").run()
    }
}
