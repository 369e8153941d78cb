import Foundation
import SQLKit
import Testing
@testable import ToolkitServer

/// A request whose task is cancelled part-way through a read or a write (a client that went
/// away, an `async let` left behind) must leave every connection as it found it: the next
/// transaction on that connection starts cleanly, on SQLite and PostgreSQL.
@Suite struct CancellationTests {
    /// Starts `count` transactions that wait inside, cancels them once all are inside, and waits
    /// for them to end.
    static func cancelInside(_ count: Int, write: Bool, _ database: Database) async throws {
        let (entered, signal) = AsyncStream<Void>.makeStream()
        let tasks = (0..<count).map { _ in
            Task {
                let body: @Sendable (any SQLDatabase) async throws -> Int = { db in
                    _ = try await db.raw("SELECT 1 AS one").all()
                    signal.yield()
                    try await Task.sleep(for: .seconds(30))
                    return 1
                }
                return write ? try await database.transaction(body) : try await database.read(body)
            }
        }
        var inside = 0
        for await _ in entered {
            inside += 1
            if inside == count { break }
        }
        for task in tasks { task.cancel() }
        for task in tasks { _ = try? await task.value }
    }

    @Test func aReadCancelledInsideLeavesItsConnectionReady() async throws {
        try await withApp { app in
            // act: as many cancelled reads as there are connections to read on
            try await Self.cancelInside(SQLiteStorage.readerCount, write: false, app.services.database)
            // check: every connection starts the next read cleanly
            for _ in 0..<(SQLiteStorage.readerCount * 3) {
                let one = try await app.services.database.read { db in
                    try await db.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self)
                }
                #expect(one == 1)
            }
        }
    }

    @Test func aWriteCancelledInsideIsRolledBackAndTheNextWriteWorks() async throws {
        try await withApp { app in
            // act
            try await Self.cancelInside(1, write: true, app.services.database)
            // check
            for _ in 0..<3 {
                let one = try await app.services.database.transaction { db in
                    try await db.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self)
                }
                #expect(one == 1)
            }
        }
    }
}
