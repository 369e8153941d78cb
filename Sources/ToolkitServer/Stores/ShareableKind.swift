import Foundation

/// One kind of the client's entries, as the sharing page and Today see it: what the therapist can
/// read of it, whether everything of the kind is shared, and the switch to share it all.
struct ShareableKind: Sendable {
    /// The kind's key in /sharing/<key>.
    var key: String
    /// The heading for the kind ("Journal entries").
    var title: String
    /// What an entry is called in a sentence ("journal entries").
    var noun: String
    /// Where the client finds all of them.
    var listPath: String
    /// The table they are kept in (for counts and times, never content).
    var table: String
    var shared: @Sendable (_ owner: User, _ address: String?) async throws -> [EntrySummary]
    var counts: @Sendable (_ owner: User) async throws -> (all: Int, shared: Int)
    var sharesAll: @Sendable (_ owner: User) async throws -> Bool
    var setSharesAll: @Sendable (_ shared: Bool, _ owner: User, _ address: String?) async throws -> Void
    /// How many since a moment, and the latest: times only, for Today's "Recently".
    var activity: @Sendable (_ owner: User, _ since: Date) async throws -> (since: Int, latest: Date?)

    /// An entry as a line in a list: a short title, when, and where it opens.
    struct EntrySummary: Sendable {
        var title: String
        var date: Date
        var path: String
    }
}

extension ClientEntryStore {
    /// This store as a kind on the sharing page; `summary` names an entry and says where it opens.
    func shareable(key: String, title: String, noun: String, listPath: String,
                   summary: @escaping @Sendable (Loaded) -> (title: String, path: String)) -> ShareableKind {
        ShareableKind(
            key: key, title: title, noun: noun, listPath: listPath, table: kind.table,
            shared: { owner, address in
                try await self.sharedByOwner(owner, address: address).map { loaded in
                    let named = summary(loaded)
                    return ShareableKind.EntrySummary(title: named.title, date: loaded.updatedAt, path: named.path)
                }
            },
            counts: { owner in try await self.counts(for: owner) },
            sharesAll: { owner in try await self.sharesAll(for: owner) },
            setSharesAll: { shared, owner, address in try await self.setSharesAll(shared, for: owner, address: address) },
            activity: { owner, since in try await self.activity(for: owner, since: since) })
    }
}

extension AppServices {
    /// Every kind of the client's entries that can be shared, in the order the sharing page lists them.
    var shareableKinds: [ShareableKind] {
        [
            journal.shareable(key: "journal", title: "Journal entries", noun: "journal entries", listPath: SiteURL.journal.path) {
                ($0.entry.preview.isEmpty ? "Journal entry" : $0.entry.preview, SiteURL.journalEntry($0.id).path)
            },
            thoughtRecords.shareable(key: "thought-records", title: "Thought records", noun: "thought records",
                                     listPath: SiteURL.thoughtCoach.path) {
                (ThoughtCoachViews.preview($0.entry.thought), SiteURL.thoughtRecord($0.id).path)
            },
            practiceLog.shareable(key: "practice-log", title: "Practice log", noun: "practice records", listPath: SiteURL.practiceLog.path) {
                ("\($0.entry.itemTitle), \($0.entry.minutes) min", SiteURL.practiceRecord($0.id).path)
            },
            shareableWorksheets,
            goals.shareable(key: "goals", title: "Goals", noun: "goals", listPath: SiteURL.goals.path) {
                ($0.entry.title.isEmpty ? "Goal" : $0.entry.title, SiteURL.goal($0.id).path)
            },
            weeklyCheckIns.shareable(key: "self-care-check-ins", title: "Weekly self-care check-ins", noun: "weekly check-ins",
                                     listPath: SiteURL.selfCare.path) {
                ("Check-in of \($0.entry.day)", SiteURL.selfCareCheckIn($0.id).path)
            },
            criticAnswers.shareable(key: "critic", title: "My critic and my answers", noun: "lines", listPath: SiteURL.critic.path) {
                (ThoughtCoachViews.preview($0.entry.critic), SiteURL.criticLineEdit($0.id).path)
            },
        ]
    }

    /// The worksheets as a kind: titles of the shared sheets (their current versions), and the
    /// table-level switch, counts and activity.
    var shareableWorksheets: ShareableKind {
        let store = worksheets
        return ShareableKind(
            key: "worksheets", title: "Worksheets", noun: "worksheets", listPath: SiteURL.worksheets.path, table: "saved_worksheets",
            shared: { owner, address in
                try await store.list(for: owner, address: address).filter(\.shared).map { loaded in
                    ShareableKind.EntrySummary(title: loaded.sheet.title, date: loaded.savedAt, path: SiteURL.worksheet(loaded.id).path)
                }
            },
            counts: { owner in try await store.table.counts(for: owner) },
            sharesAll: { owner in try await store.table.sharesAll(for: owner) },
            setSharesAll: { shared, owner, address in try await store.table.setSharesAll(shared, for: owner, address: address) },
            activity: { owner, since in try await store.table.activity(for: owner, since: since) })
    }

    func shareableKind(_ key: String) -> ShareableKind? { shareableKinds.first { $0.key == key } }
}
