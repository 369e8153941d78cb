import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the data folder private to the app's own user. A folder made by hand (`mkdir` under the
/// usual umask) is readable by everyone on the machine, and so are the database files SQLite
/// creates; they hold sealed client writing and, beside them, the deployment key. At start the
/// folders are set to 0700 and the files to 0600, or the app refuses to start and says how to
/// fix it.
enum DataDirectoryPermissions {
    /// One permission the app tightened, for the start-up log.
    struct Change: Sendable, CustomStringConvertible {
        let path: String
        let from: mode_t
        let to: mode_t
        var description: String { "\(path): \(Self.octal(from)) -> \(Self.octal(to))" }
        static func octal(_ mode: mode_t) -> String { String(mode, radix: 8) }
    }

    static let folderMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Tightens the key folder and key file, and, when `sqliteFile` is given (the app uses
    /// SQLite), the data folder and the database with its journal files. Paths that don't exist
    /// yet are skipped: call again once the database is open. Returns what it changed.
    @discardableResult
    static func tighten(_ dataDirectory: URL, sqliteFile: URL?) throws -> [Change] {
        var changes: [Change] = []
        if let sqliteFile {
            changes += try tighten(dataDirectory.path, to: folderMode, what: "The data folder")
            for suffix in ["", "-wal", "-shm", "-journal"] {
                changes += try tighten(sqliteFile.path + suffix, to: fileMode, what: "The database file")
            }
        }
        let keys = dataDirectory.appendingPathComponent("keys", isDirectory: true)
        changes += try tighten(keys.path, to: folderMode, what: "The key folder")
        changes += try tighten(keys.appendingPathComponent("deployment.key").path, to: fileMode, what: "The key file")
        return changes
    }

    /// Clears the group and other permission bits of one path, when it exists and has any.
    private static func tighten(_ path: String, to mode: mode_t, what: String) throws -> [Change] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw ConfigurationError("\(what) \(path) can't be checked: \(String(cString: strerror(errno))). Check that the app's user can reach it.")
        }
        let current = info.st_mode & 0o7777
        guard current & 0o077 != 0 else { return [] }
        guard chmod(path, mode) == 0 else {
            throw ConfigurationError("""
                \(what) \(path) can be read by other users on this machine (permissions \(Change.octal(current))), \
                and the app could not change that: \(String(cString: strerror(errno))). \
                As its owner, run: chmod \(Change.octal(mode)) \(path)   then start the app again.
                """)
        }
        return [Change(path: path, from: current, to: mode)]
    }
}
