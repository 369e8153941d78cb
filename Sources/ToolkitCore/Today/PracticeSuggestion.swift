import Foundation

/// The one practice Today offers. It changes each day so the page doesn't go stale, stays with
/// short practices a client can do alone, and skips whatever was practised most recently.
public enum PracticeSuggestion {
    /// Practices Today may offer: guided, meant for clients, ten minutes or less.
    public static func candidates(in items: [LibraryItem]) -> [LibraryItem] {
        items.filter { $0.isPractice && $0.kind == .guidedPractice && $0.audience != .therapist && $0.minutes <= 10 }
            .sorted { $0.id < $1.id }
    }

    /// The practice for a day, counted in days since 2001-01-01 in the person's calendar, so it
    /// changes at their midnight. `avoiding` is the item practised last, if any.
    public static func pick(from items: [LibraryItem], dayNumber: Int, avoiding recent: String? = nil) -> LibraryItem? {
        let candidates = candidates(in: items)
        guard !candidates.isEmpty else { return nil }
        let index = ((dayNumber % candidates.count) + candidates.count) % candidates.count
        let chosen = candidates[index]
        if chosen.id == recent, candidates.count > 1 { return candidates[(index + 1) % candidates.count] }
        return chosen
    }

    /// Whole days from 2001-01-01 to `date` in `calendar`'s time zone.
    public static func dayNumber(of date: Date, in calendar: Calendar) -> Int {
        let reference = calendar.date(from: DateComponents(year: 2001, month: 1, day: 1)) ?? Date(timeIntervalSinceReferenceDate: 0)
        return calendar.dateComponents([.day], from: calendar.startOfDay(for: reference), to: calendar.startOfDay(for: date)).day ?? 0
    }
}
