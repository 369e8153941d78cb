import Testing
@testable import ToolkitCore

/// A packet's order (each item once, moved by buttons) and its cover's checks.
@Suite struct PacketTests {
    @Test func theOrderIsTheOrderGivenWithEachItemOnce() {
        #expect(Packet.order(["c", "a", "c", "b", "a"]) == ["c", "a", "b"])
        #expect(Packet.order([]) == [])
    }

    @Test func movesSwapNeighboursAndNeverEmptyThePacket() {
        let ids = ["a", "b", "c"]
        #expect(Packet.applying(.up("b"), to: ids) == ["b", "a", "c"])
        #expect(Packet.applying(.down("b"), to: ids) == ["a", "c", "b"])
        #expect(Packet.applying(.up("a"), to: ids) == ids)
        #expect(Packet.applying(.down("c"), to: ids) == ids)
        #expect(Packet.applying(.up("zzz"), to: ids) == ids)
        #expect(Packet.applying(.remove("b"), to: ids) == ["a", "c"])
        #expect(Packet.applying(.remove("a"), to: ["a"]) == ["a"])
    }

    @Test func movesAreReadFromTheButtonsValues() {
        #expect(Packet.Move(formValue: "up:self-care-plan") == .up("self-care-plan"))
        #expect(Packet.Move(formValue: "down:a") == .down("a"))
        #expect(Packet.Move(formValue: "remove:a") == .remove("a"))
        for nonsense in ["", "up", "up:", "sideways:a", ":a"] { #expect(Packet.Move(formValue: nonsense) == nil, "\(nonsense)") }
        #expect(Packet.Move(formValue: Packet.Move.down("x-y").formValue) == .down("x-y"))
    }

    @Test func aWeekIsItsSessionItemsThenItsHomePracticeEachOnce() {
        let week = ProgramWeek(theme: "t", goals: "g", inSession: ["a", "b"], homePractice: ["b", "c"], reflection: "r")
        #expect(Packet.items(of: week) == ["a", "b", "c"])
    }

    @Test func theCoverIsTrimmedAndChecked() {
        let (cover, problems) = PacketCover(clientName: "  Sam  ", date: "2026-05-14", note: "\r\n  Line one\r\nLine two  \n").validated()
        #expect(problems.isEmpty)
        #expect(cover == PacketCover(clientName: "Sam", date: "2026-05-14", note: "Line one\nLine two"))
        #expect(PacketCover().validated().problems.isEmpty, "everything on the cover is optional")

        let long = PacketCover(clientName: String(repeating: "n", count: PacketCover.maximumNameLength + 1), date: "2026-02-30",
                               note: String(repeating: "w", count: PacketCover.maximumNoteLength + 1)).validated()
        #expect(long.problems.map(\.field) == ["name", "date", "note"])
        #expect(PacketCover(clientName: "Sam\nJones").validated().problems.map(\.field) == ["name"])
        #expect(PacketCover(date: "14/05/2026").validated().problems.map(\.field) == ["date"])
    }
}
