import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteKit
import SQLKit

/// The embedded SQLite database, arranged so that no request ever waits on a blocked thread.
///
/// - One writer connection. Writers queue for it on an `AsyncMutex`, suspended rather than
///   sleeping on a thread, so SQLite's own lock is never contended inside this process.
/// - A few reader connections (`query_only`). In WAL mode they read a consistent snapshot while
///   the writer commits, and never wait for it.
/// - A thread pool of its own, with a thread for every connection and one to spare, so a
///   connection that holds the write lock always has a thread to finish on. `busy_timeout` stays
///   for other processes (the command line while the server runs).
final class SQLiteStorage: Sendable {
    static let readerCount = 4

    let path: String
    let threadPool: NIOThreadPool
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let writer: SQLiteWriter
    let readers: SQLiteReaderPool

    private init(path: String, threadPool: NIOThreadPool, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.path = path
        self.threadPool = threadPool
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        writer = SQLiteWriter(path: path, threadPool: threadPool, eventLoopGroup: eventLoopGroup, logger: logger)
        readers = SQLiteReaderPool(path: path, size: Self.readerCount, threadPool: threadPool,
                                   eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// Opens the writer first, so the database is in WAL mode before any reader connects.
    static func open(path: String, logger: Logger) async throws -> SQLiteStorage {
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 2)
        threadPool.start()
        let storage = SQLiteStorage(path: path, threadPool: threadPool,
                                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
        do {
            try await storage.writer.withConnection { _ in }
        } catch {
            try? await threadPool.shutdownGracefully()
            throw error
        }
        return storage
    }

    /// SQLKit's view: each statement goes to a reader or, if it may write, to the writer.
    var sql: any SQLDatabase { RoutedSQLiteDatabase(storage: self).sql(queryLogLevel: nil) }

    /// Runs `body` in one write transaction on the writer connection. `changesContent` is false
    /// only for writes no page shows (a batch of audit records), which leave the generation as it is.
    func write<R: Sendable>(changesContent: Bool = true, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withConnection(changesContent: changesContent) { connection in
            try await runTransaction(on: connection.sql(queryLogLevel: nil), begin: "BEGIN IMMEDIATE", body)
        }
    }

    /// Runs `body` on one reader connection inside a read transaction: one consistent snapshot.
    func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await readers.withConnection { connection in
            try await runTransaction(on: connection.sql(queryLogLevel: nil), begin: "BEGIN", body)
        }
    }

    func shutdown() async throws {
        await readers.close()
        await writer.close()
        try await threadPool.shutdownGracefully()
    }

    /// Opens one connection with the settings protected data needs.
    static func connect(path: String, pragmas: [String], threadPool: NIOThreadPool,
                        eventLoop: any EventLoop, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool,
                                                         logger: logger, on: eventLoop)
        do {
            for pragma in pragmas { _ = try await connection.query(pragma) }
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }

    /// Whether a statement only reads. Anything else is sent to the writer, so a statement that
    /// is wrongly judged a write costs a little time, never correctness (readers are query-only).
    static func isReadOnly(_ statement: String) -> Bool {
        let head = statement.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(16).uppercased()
        if head.hasPrefix("SELECT") || head.hasPrefix("EXPLAIN") { return true }
        if head.hasPrefix("PRAGMA") { return !statement.contains("=") }
        return false
    }
}

enum StorageError: Error, CustomStringConvertible {
    /// A write was started while this task already holds the writer: it would wait for itself.
    case nestedWrite
    /// A row the same transaction has just made is not there.
    case missingRow(String)
    /// The storage has been shut down.
    case closed

    var description: String {
        switch self {
        case .nestedWrite: "A write was started inside another write transaction; use the transaction's own database."
        case .missingRow(let table): "A row in \(table) that this transaction wrote could not be found."
        case .closed: "The database is closed."
        }
    }
}

/// The one connection that writes, and the queue in front of it.
final class SQLiteWriter: Sendable {
    /// Set while the current task holds the writer, to turn a self-deadlock into an error.
    @TaskLocal static var isHeldByCurrentTask = false

    static let pragmas = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                          "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"]

    private let path: String
    private let threadPool: NIOThreadPool
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let mutex = AsyncMutex()
    private let connection = NIOLockedValueBox<SQLiteConnection?>(nil)
    private let committed = NIOLockedValueBox<UInt64>(0)

    init(path: String, threadPool: NIOThreadPool, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.path = path
        self.threadPool = threadPool
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Waits its turn (without holding a thread), then runs `body` with the writer to itself.
    /// Afterwards (committed or not) the generation moves on, unless `changesContent` is false.
    func withConnection<R: Sendable>(changesContent: Bool = true,
                                     _ body: @escaping @Sendable (SQLiteConnection) async throws -> R) async throws -> R {
        if Self.isHeldByCurrentTask { throw StorageError.nestedWrite }
        return try await mutex.withLock {
            let connection = try await self.openedConnection()
            // Counted after the commit, never before: a page read before it carries the old number.
            defer { if changesContent { self.committed.withLockedValue { $0 &+= 1 } } }
            return try await Self.$isHeldByCurrentTask.withValue(true) { try await body(connection) }
        }
    }

    /// How many times this process has written (through this one writer) since it started.
    var generation: UInt64 { committed.withLockedValue { $0 } }

    /// Tasks queued for the writer right now.
    var queueLength: Int { mutex.waiting }

    /// Called only while holding the mutex.
    private func openedConnection() async throws -> SQLiteConnection {
        if let existing = connection.withLockedValue({ $0 }) { return existing }
        let opened = try await SQLiteStorage.connect(path: path, pragmas: Self.pragmas, threadPool: threadPool,
                                                     eventLoop: eventLoopGroup.any(), logger: logger)
        connection.withLockedValue { $0 = opened }
        return opened
    }

    func close() async {
        await mutex.lock()
        defer { mutex.unlock() }
        let open = connection.withLockedValue { current -> SQLiteConnection? in
            defer { current = nil }
            return current
        }
        try? await open?.close()
    }
}

/// Reader connections, handed out one task at a time; waiting for one suspends the task.
final class SQLiteReaderPool: Sendable {
    static let pragmas = ["PRAGMA query_only = ON", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"]

    private struct State {
        var idle: [SQLiteConnection] = []
        var opened = 0
        var closed = false
        /// A waiter is handed a connection, or nil to try again (an open failed, or the pool closed).
        var waiters: [CheckedContinuation<SQLiteConnection?, Never>] = []
    }

    private enum Next { case use(SQLiteConnection), open, wait }

    private let path: String
    private let size: Int
    private let threadPool: NIOThreadPool
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(path: String, size: Int, threadPool: NIOThreadPool, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.path = path
        self.size = size
        self.threadPool = threadPool
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    func withConnection<R: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> R) async throws -> R {
        let connection = try await acquire()
        defer { release(connection) }
        return try await body(connection)
    }

    private func acquire() async throws -> SQLiteConnection {
        while true {
            let next = try state.withLockedValue { state -> Next in
                if state.closed { throw StorageError.closed }
                if let connection = state.idle.popLast() { return .use(connection) }
                if state.opened < size {
                    state.opened += 1
                    return .open
                }
                return .wait
            }
            switch next {
            case .use(let connection):
                return connection
            case .open:
                do {
                    return try await SQLiteStorage.connect(path: path, pragmas: Self.pragmas, threadPool: threadPool,
                                                           eventLoop: eventLoopGroup.any(), logger: logger)
                } catch {
                    let waiter = state.withLockedValue { state -> CheckedContinuation<SQLiteConnection?, Never>? in
                        state.opened -= 1
                        return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
                    }
                    waiter?.resume(returning: nil)
                    throw error
                }
            case .wait:
                let handed = await withCheckedContinuation { (continuation: CheckedContinuation<SQLiteConnection?, Never>) in
                    let ready = state.withLockedValue { state -> SQLiteConnection?? in
                        if state.closed { return .some(nil) }
                        if let connection = state.idle.popLast() { return .some(connection) }
                        if state.opened < size { return .some(nil) }
                        state.waiters.append(continuation)
                        return .none
                    }
                    if let ready { continuation.resume(returning: ready) }
                }
                if let handed { return handed }
            }
        }
    }

    private func release(_ connection: SQLiteConnection) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<SQLiteConnection?, Never>? in
            if state.waiters.isEmpty {
                state.idle.append(connection)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: connection)
    }

    func close() async {
        let (idle, waiters) = state.withLockedValue { state in
            state.closed = true
            defer { state.idle = []; state.waiters = [] }
            return (state.idle, state.waiters)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for connection in idle { try? await connection.close() }
    }
}

/// Presents the storage to SQLKit as one `SQLiteDatabase`, routing each statement.
struct RoutedSQLiteDatabase: SQLiteDatabase {
    let storage: SQLiteStorage

    var logger: Logger { storage.logger }
    var eventLoop: any EventLoop { storage.eventLoopGroup.any() }

    func query(_ query: String, _ binds: [SQLiteData], logger: Logger,
               _ onRow: @escaping @Sendable (SQLiteRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.query(query, binds, onRow) }
    }

    func query(_ query: String, _ binds: [SQLiteData], _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        if SQLiteStorage.isReadOnly(query) {
            try await storage.readers.withConnection { try await $0.query(query, binds, onRow) }
        } else {
            try await storage.writer.withConnection { try await $0.query(query, binds, onRow) }
        }
    }

    /// A whole session (several statements on one connection) may write: it gets the writer.
    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let box = UncheckedBox<T>()
        return eventLoop.makeFutureWithTask {
            try await storage.writer.withConnection { connection in
                box.value = try await closure(connection).get()
            }
        }.map { box.value! }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let box = UncheckedBox<T>()
        try await storage.writer.withConnection { connection in box.value = try await closure(connection) }
        return box.value!
    }
}

/// Carries a non-Sendable result out of a closure that has finished before it is read.
private final class UncheckedBox<T>: @unchecked Sendable {
    var value: T?
}
