import Foundation
import Logging
import NIOCore
import NIOPosix
import AsyncKit
import SQLKit
import SQLiteKit
import PostgresKit

/// The app's one handle on storage: a pooled SQLKit database, SQLite or PostgreSQL.
public final class Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgresql }

    public let kind: Kind
    public let sql: any SQLDatabase
    private let shutdownPool: @Sendable () async throws -> Void

    private init(kind: Kind, sql: any SQLDatabase, shutdown: @escaping @Sendable () async throws -> Void) {
        self.kind = kind
        self.sql = sql
        self.shutdownPool = shutdown
    }

    /// Opens the database the configuration names, creating the data folder for SQLite.
    public static func open(_ configuration: AppConfiguration, logger: Logger) throws -> Database {
        if let url = configuration.databaseURL {
            var postgresConfiguration = try SQLPostgresConfiguration(url: url)
            if let schema = configuration.databaseSchema { postgresConfiguration.searchPath = [schema] }
            let source = PostgresConnectionSource(sqlConfiguration: postgresConfiguration)
            let pool = PoolBox(EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: 4, logger: logger, on: MultiThreadedEventLoopGroup.singleton))
            return Database(kind: .postgresql, sql: pool.pool.database(logger: logger).sql(queryLogLevel: nil)) {
                try await pool.pool.shutdownAsync()
            }
        }
        try FileManager.default.createDirectory(
            at: configuration.dataDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let source = DurableSQLiteSource(path: configuration.sqliteFile.path)
        let pool = PoolBox(EventLoopGroupConnectionPool(
            source: source, maxConnectionsPerEventLoop: 2, logger: logger, on: MultiThreadedEventLoopGroup.singleton))
        return Database(kind: .sqlite, sql: PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: nil)) {
            try await pool.pool.shutdownAsync()
        }
    }

    /// Creates the configured PostgreSQL schema when it doesn't exist yet.
    public func prepareSchema(_ schema: String?) async throws {
        guard kind == .postgresql, let schema else { return }
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }

    public func shutdown() async throws {
        try await shutdownPool()
    }

    /// Runs `body` in one transaction on one connection. SQLite takes the write lock at the start
    /// (BEGIN IMMEDIATE) so that concurrent writers wait instead of failing half-way.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await sql.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
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

/// Opens SQLite connections set up for protected data: write-ahead log, full sync on commit,
/// foreign keys enforced, and a wait instead of an error when another connection holds the lock.
struct DurableSQLiteSource: ConnectionPoolSource {
    let path: String

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
            .flatMap { connection in
                let pragmas = [
                    "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                    "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000",
                ]
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { chain, pragma in
                    chain.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}

/// The connection pool guards its own state with a lock; this box lets closures carry it.
final class PoolBox<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
    init(_ pool: EventLoopGroupConnectionPool<Source>) { self.pool = pool }
}

/// A pool of durable SQLite connections presented as one `SQLiteDatabase`, so SQLKit can use it.
struct PooledSQLiteDatabase: SQLiteDatabase {
    let pool: PoolBox<DurableSQLiteSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.pool.eventLoopGroup.any() }

    func query(_ query: String, _ binds: [SQLiteData], logger: Logger,
               _ onRow: @escaping @Sendable (SQLiteRow) -> Void) -> EventLoopFuture<Void> {
        pool.pool.withConnection(logger: logger) { $0.query(query, binds, logger: logger, onRow) }
    }

    func query(_ query: String, _ binds: [SQLiteData], _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        try await self.query(query, binds, logger: logger, onRow).get()
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        pool.pool.withConnection(logger: logger, closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        try await pool.pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { box.value = try await closure(connection) }
        }.get()
        return box.value!
    }
}

/// Carries a non-Sendable result out of a pooled-connection closure that has finished.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
