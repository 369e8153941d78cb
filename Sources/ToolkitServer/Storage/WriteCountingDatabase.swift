import Logging
import NIOCore
import SQLKit

/// PostgreSQL as the app sees it for single statements: each statement that may write moves the
/// shared content generation on once it has committed (see `Database.contentGeneration()`).
/// Sessions (transactions, consistent reads) get the underlying connection; `Database.transaction`
/// moves the generation on after its commit.
struct WriteCountingDatabase: SQLDatabase {
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let writes = !SQLiteStorage.isReadOnly(base.serialize(query).sql)
        // Nothing is written for a request answered under a claim the generation no longer bears out.
        if writes { try await GenerationClaim.pending?.confirm() }
        try await base.execute(sql: query, onRow)
        if writes { await Self.advanceGeneration(on: base) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    /// Moves the generation on. A failure is only logged: the write itself has committed, and
    /// what is kept expires by age in any case.
    static func advanceGeneration(on database: any SQLDatabase) async {
        do {
            try await database.raw("SELECT nextval('content_generation')").run()
        } catch {
            database.logger.debug("content generation not moved on", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// The generation now, nil if it can't be read (before the migration that creates it).
    static func generation(on database: any SQLDatabase) async -> UInt64? {
        guard let value = try? await database.raw("SELECT last_value FROM content_generation")
            .first(decodingColumn: "last_value", as: Int64.self) else { return nil }
        return UInt64(bitPattern: value)
    }
}
