import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ToolkitCore
import ToolkitServer

/// The toolkit's command line: start the app, migrate, manage accounts, check the audit trail,
/// check the library, back up the database.
@main
struct Toolkit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolkit",
        abstract: "The Self-Compassion Toolkit.",
        subcommands: [Serve.self, Migrate.self, Users.self, Audit.self, Content.self, Backup.self, Keys.self, Demo.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web app.")
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Threads serving requests (default: one per core).") var threads: Int?

    func run() async throws {
        let logger = Logger(label: "toolkit")
        let configuration = try AppConfiguration.fromEnvironment()
        let services = try await AppServices.start(configuration, logger: logger)
        if let code = try await services.setupCodeIfNeeded() {
            FileHandle.standardOutput.write(Data("""

                No administrator exists yet. Create one at http://\(hostname):\(port)/setup with this setup code:

                    \(code)

                or run: toolkit users create --role admin --email EMAIL --name NAME --password-stdin


                """.utf8))
        }
        let app = buildApplication(services: services, hostname: hostname, port: port, threads: threads, logger: logger)
        try await app.runService()
        try await services.database.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    func run() async throws {
        let configuration = try AppConfiguration.fromEnvironment()
        let database = try await Database.open(configuration, logger: Logger(label: "toolkit"))
        do {
            try await database.prepareSchema(configuration.databaseSchema)
            let applied = try await Migrator(database: database).migrate()
            print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Create.self, Disable.self, Enable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account. The password is read from standard input.")
        @Option(help: "admin, therapist or client.") var role: String
        @Option var email: String
        @Option var name: String
        @Option(help: "For a client: the email of their therapist.") var therapist: String?
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false

        func run() async throws {
            guard passwordStdin else { throw ValidationError("Pass --password-stdin and pipe the password in, so it stays out of your shell history.") }
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, therapist or client.") }
            let password = readLine(strippingNewline: true) ?? ""
            try await withCommandServices { services in
                do {
                    let user = try await services.createUser(email: email, name: name, role: role, password: password, therapistEmail: therapist)
                    print("Created \(role.rawValue) \(user.email).")
                } catch let error as CustomStringConvertible {
                    throw ValidationError(error.description)
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end all its sessions.")
        @Option var email: String

        func run() async throws {
            try await withCommandServices { services in
                guard try await services.disableUser(email: email) else { throw ValidationError("No account has that email address.") }
                print("Disabled \(email); all of its sessions have ended.")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Option var email: String

        func run() async throws {
            try await withCommandServices { services in
                guard try await services.enableUser(email: email) else { throw ValidationError("No account has that email address.") }
                print("Enabled \(email); it can sign in again with its password.")
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Demonstration data for showing the app.", subcommands: [History.self])

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a new client a few weeks of rituals and guided practice, dated in the past.",
            discussion: "Written through the app's own sealed, audited stores. Refused for a client who already has rituals or practice records.")
        @Option(help: "The client's email.") var client: String
        @Option(help: "How many days of history, counted back from today.") var days = 28
        @Option(help: "Days between the last day of history and today (0: up to today).") var gap = 0
        @Flag(help: "Have the client's therapist assign one of the practices daily from the first day, so practising it counts as done.")
        var assign = false
        @Flag(help: "Share the practice records with the client's therapist.") var share = false

        func run() async throws {
            try await withCommandServices { services in
                do {
                    let history = try await services.writeDemoHistory(clientEmail: client, days: days, gap: gap, assign: assign, share: share)
                    print("Wrote \(history.ritualDays) days of rituals and \(history.practices) practices for \(client), the last on \(history.lastDay ?? "-").")
                } catch let error as AppServices.DemoHistoryError {
                    throw ValidationError(error.description)
                }
            }
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check that the audit trail's hash chain is intact.")

        func run() async throws {
            try await withCommandServices { services in
                let result = try await services.verifyAuditTrail()
                if let broken = result.firstBrokenSeq {
                    print("The audit trail is broken at record \(broken) (\(result.count) records before it check out).")
                    throw ExitCode(1)
                }
                print("The audit trail is intact: \(result.count) records.")
            }
        }
    }
}

struct Content: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the library.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate every library item and print a report.")
        @Option(help: "A folder of item files to check instead of the bundled library.") var folder: String?

        func run() async throws {
            guard let url = folder.map({ URL(fileURLWithPath: $0) }) ?? ContentLibrary.bundledFolder() else {
                throw ValidationError("The library folder is missing.")
            }
            let library = try ContentLibrary.load(from: url)
            let report = ContentCheck(library: library).run()
            print(ContentReportFormatter.format(report, library: library))
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent copy of the SQLite database while the app runs.")
    @Argument(help: "Where to write the copy, e.g. backups/toolkit-2026-11-26.sqlite") var destination: String

    func run() async throws {
        try await withCommandServices { services in
            try await services.backup(to: URL(fileURLWithPath: destination))
            print("Wrote \(destination). It holds no user keys: export them with 'toolkit keys export FILE', and keep the deployment key (data/keys/deployment.key or TOOLKIT_MASTER_KEY) apart from both.")
        }
    }
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Back up and restore the users' data keys (kept out of database backups).",
        subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every user's wrapped data key to FILE, replacing it. Keep only the newest export.")
        @Argument var file: String

        func run() async throws {
            try await withCommandServices { services in
                let count = try await services.exportKeys(to: URL(fileURLWithPath: file))
                print("Wrote \(count) keys to \(file). Replace it after every backup; old exports would bring erased accounts' keys back.")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "After restoring a database backup, put back the keys of the accounts in it from FILE.")
        @Argument var file: String

        func run() async throws {
            try await withCommandServices { services in
                let count = try await services.importKeys(from: URL(fileURLWithPath: file))
                print("Restored \(count) keys.")
            }
        }
    }
}

func withCommandServices(_ body: (AppServices) async throws -> Void) async throws {
    let configuration = try AppConfiguration.fromEnvironment()
    let services = try await AppServices.start(configuration, logger: Logger(label: "toolkit"))
    do {
        try await body(services)
    } catch {
        try? await services.database.shutdown()
        throw error
    }
    try await services.database.shutdown()
}
