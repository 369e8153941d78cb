import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers
import AsyncKit
import SQLKit
import PostgresKit

/// The app's one handle on storage: SQLite (embedded, the default) or PostgreSQL.
///
/// Three ways in:
/// - `sql` for single statements. On SQLite a read goes to a reader connection and anything else
///   queues for the one writer.
/// - `transaction` for work that writes and must stand or fall together (with its audit record).
/// - `read` for several reads that must see one consistent snapshot.
public final class Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgresql }

    public let kind: Kind
    public let sql: any SQLDatabase
    /// For health checks: connections of their own (PostgreSQL) or a reader (SQLite), so a
    /// monitor's query never queues behind the app's traffic.
    let monitorSQL: any SQLDatabase
    private let backend: Backend
    /// PostgreSQL's content generation, read once for all the requests asking at that moment.
    private let postgresGeneration: CoalescedRead<UInt64>
    /// The highest PostgreSQL generation this process has read: what a `GenerationClaim` claims.
    private let latestGeneration = NIOLockedValueBox<UInt64?>(nil)

    private enum Backend: Sendable {
        case sqlite(SQLiteStorage)
        case postgresql(PoolBox<PostgresConnectionSource>, monitor: PoolBox<PostgresConnectionSource>)
    }

    private init(kind: Kind, sql: any SQLDatabase, monitorSQL: any SQLDatabase, backend: Backend) {
        self.kind = kind
        self.sql = sql
        self.monitorSQL = monitorSQL
        self.backend = backend
        // A busy spell's reads share one connection; without one, each reads nothing (nil).
        self.postgresGeneration = CoalescedRead(withReader: { body in
            do {
                try await sql.withSession { session in await body { await WriteCountingDatabase.generation(on: session) } }
            } catch {
                await body { nil }
            }
        })
    }

    /// Opens the database the configuration names, creating the data folder for SQLite.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> Database {
        if let url = configuration.databaseURL {
            var postgresConfiguration = try SQLPostgresConfiguration(url: url)
            if let schema = configuration.databaseSchema { postgresConfiguration.searchPath = [schema] }
            let source = PostgresConnectionSource(sqlConfiguration: postgresConfiguration)
            // Waiting for a connection is queueing, not failure: on a busy machine a burst of
            // writes to one row queues behind its lock, so allow half a minute before answering 503.
            let pool = PoolBox(EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: max(1, configuration.databaseConnectionsPerEventLoop),
                requestTimeout: .milliseconds(Int64(configuration.databaseConnectionWait * 1000)), logger: logger,
                on: MultiThreadedEventLoopGroup.singleton))
            let monitor = PoolBox(EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: 1, logger: logger, on: MultiThreadedEventLoopGroup.singleton))
            return Database(kind: .postgresql, sql: WriteCountingDatabase(base: pool.pool.database(logger: logger).sql(queryLogLevel: nil)),
                            monitorSQL: monitor.pool.database(logger: logger).sql(queryLogLevel: nil),
                            backend: .postgresql(pool, monitor: monitor))
        }
        try FileManager.default.createDirectory(
            at: configuration.dataDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let storage = try await SQLiteStorage.open(path: configuration.sqliteFile.path, logger: logger)
        return Database(kind: .sqlite, sql: storage.sql, monitorSQL: storage.sql, backend: .sqlite(storage))
    }

    /// Creates the configured PostgreSQL schema when it doesn't exist yet.
    public func prepareSchema(_ schema: String?) async throws {
        guard kind == .postgresql, let schema else { return }
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }

    public func shutdown() async throws {
        switch backend {
        case .sqlite(let storage): try await storage.shutdown()
        case .postgresql(let pool, let monitor):
            try await monitor.pool.shutdownAsync()
            try await pool.pool.shutdownAsync()
        }
    }

    /// Runs `body` in one write transaction. On SQLite it waits its turn for the writer (without
    /// holding a thread) and takes the write lock at once (BEGIN IMMEDIATE). Inside `body`, write
    /// only through the `db` it is given: a write through `sql` would wait for itself, and fails.
    public func transaction<R: Sendable>(changesContent: Bool = true,
                                         _ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch backend {
        case .sqlite(let storage):
            return try await storage.write(changesContent: changesContent, body)
        case .postgresql:
            try await GenerationClaim.pending?.confirm()
            let result = try await sql.withSession { session in
                try await runTransaction(on: session, begin: "BEGIN", body)
            }
            if changesContent { await WriteCountingDatabase.advanceGeneration(on: sql) }
            return result
        }
    }

    /// Runs `body` with a way to append a batch of audit records on their own, durably, chained
    /// onto a link in one statement that commits by itself (see `AuditGroupCommit`). The
    /// database refuses a batch (an error, nothing written) when its link is no longer the
    /// chain's end. A batch changes no page, so kept pages stay current. On PostgreSQL every
    /// append in `body` goes over one connection, held until `body` returns; on SQLite each waits
    /// its turn for the writer, which other writes share meanwhile. A batch given a generation
    /// (PostgreSQL only: see `GenerationClaim`) goes in only if the content generation is still
    /// that one, and otherwise throws `GenerationMoved`, nothing written.
    func withAuditAppends<R: Sendable>(
        _ body: @escaping @Sendable (_ appendAfter: @escaping @Sendable ([AuditEvent], AuditLog.ChainLink, _ onlyIfGeneration: UInt64?) async throws -> AuditLog.ChainLink?) async -> R
    ) async throws -> R {
        switch backend {
        case .sqlite(let storage):
            return await body { events, link, _ in
                try await storage.writer.withConnection(changesContent: false) { connection in
                    try await AuditLog.insert(events, after: link, on: connection.sql(queryLogLevel: nil))
                }
            }
        case .postgresql:
            return try await sql.withSession { session in
                await body { events, link, generation in
                    try await AuditLog.insertHoldingLock(events, after: link, onlyIfGeneration: generation, on: session)
                }
            }
        }
    }

    /// Appends a batch of audit records on their own, durably, in a transaction that first reads
    /// where the chain ends (and, given a generation, that it is still the content generation:
    /// else `GenerationMoved`, nothing written).
    func appendAudit(_ events: [AuditEvent], onlyIfGeneration generation: UInt64? = nil) async throws -> AuditLog.ChainLink? {
        let kind = kind
        return try await transaction(changesContent: false) { db in
            if let generation, kind == .postgresql, await WriteCountingDatabase.generation(on: db) != generation {
                throw GenerationMoved()
            }
            return try await AuditLog.append(events, on: db, kind: kind)
        }
    }

    /// Runs reads that must agree with each other in one snapshot. On SQLite this uses a reader
    /// connection and never waits for the writer.
    public func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch backend {
        case .sqlite(let storage):
            return try await storage.read(body)
        case .postgresql:
            return try await sql.withSession { session in
                try await runTransaction(on: session, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
            }
        }
    }

    /// A number that moves on after every committed write (audit batches aside), whoever wrote:
    /// something kept in memory with the number it was read under is current while the number
    /// stays (see `KeptUntilWrite`). Read it before reading what is to be kept. On SQLite every
    /// write goes through this process's one writer, which counts; on PostgreSQL, where other app
    /// processes write too, a shared sequence counts, moved on after each commit (one short
    /// query, shared by the requests asking at the same moment, none of which gets an answer
    /// read before it asked). nil when it can't be read: then nothing is kept.
    func contentGeneration() async -> UInt64? {
        switch backend {
        case .sqlite(let storage): return storage.writer.generation
        case .postgresql:
            let generation = await postgresGeneration.value()
            if let generation { latestGeneration.withLockedValue { $0 = max($0 ?? 0, generation) } }
            return generation
        }
    }

    /// A claim on the latest generation this process has read, for a request to be answered
    /// under without a generation read of its own first (see `GenerationClaim`); nil on SQLite
    /// and before the first read.
    func generationClaim() -> GenerationClaim? {
        guard kind == .postgresql, let generation = latestGeneration.withLockedValue({ $0 }) else { return nil }
        return GenerationClaim(generation: generation, read: { await self.contentGeneration() })
    }

    /// Tasks waiting for the SQLite writer right now (0 on PostgreSQL).
    var writeQueueLength: Int {
        if case .sqlite(let storage) = backend { return storage.writer.queueLength }
        return 0
    }

    /// The server's version string, for the health route.
    public func serverVersion() async throws -> String {
        let query: SQLQueryString = kind == .sqlite ? "SELECT sqlite_version() AS v" : "SELECT version() AS v"
        return try await sql.raw(query).first(decodingColumn: "v", as: String.self) ?? "unknown"
    }

    /// SQLite's own consistency check; PostgreSQL keeps its own and answers "ok".
    public func integrityCheck() async throws -> String {
        guard kind == .sqlite else { return "ok" }
        return try await sql.raw("PRAGMA integrity_check").first(decodingColumn: "integrity_check", as: String.self) ?? "unknown"
    }
}

/// The connection pool guards its own state with a lock; this box lets closures carry it.
final class PoolBox<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
    init(_ pool: EventLoopGroupConnectionPool<Source>) { self.pool = pool }
}

/// Runs `body` on one connection between `begin` and COMMIT, rolling back when it throws.
func runTransaction<R: Sendable>(on db: any SQLDatabase, begin: SQLQueryString,
                                 _ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
    try await db.raw(begin).run()
    do {
        let result = try await body(db)
        try await endTransaction(db, with: "COMMIT")
        return result
    } catch {
        try? await endTransaction(db, with: "ROLLBACK")
        throw error
    }
}

/// COMMIT or ROLLBACK, run even when the request's task has been cancelled (the person went
/// away, an `async let` was left behind): a cancelled task can't run a statement, and a
/// connection handed back with its transaction still open would refuse every later BEGIN. An
/// unstructured task doesn't inherit the cancellation.
private func endTransaction(_ db: any SQLDatabase, with statement: SQLQueryString) async throws {
    try await Task { try await db.raw(statement).run() }.value
}
