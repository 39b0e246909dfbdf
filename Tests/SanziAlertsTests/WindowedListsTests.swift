import Testing

@testable import SanziAlerts

@Suite("Windowed lists")
struct WindowedListsTests {
    typealias Entry = (day: Int32, id: UInt64)

    /// A subject's entries come back as they were left, through one entry, several, one
    /// again and none (which forgets the subject), and a single entry changed in place.
    @Test func entriesComeBackAsTheyWereLeft() {
        var lists = WindowedLists<String, Entry>()
        func entries(_ subject: String) -> [UInt64] { lists.update(subject) { $0.map(\.id) } }
        lists.update("a") { $0.append((1, 10)) }
        #expect(entries("a") == [10] && entries("b") == [] && lists.count == 1 && lists.listed == 0)
        lists.update("a") { $0 += [(2, 11), (3, 12)] }
        #expect(entries("a") == [10, 11, 12] && lists.listed == 1)
        lists.update("a") { $0.removeFirst(2) }
        #expect(entries("a") == [12] && lists.count == 1 && lists.listed == 0, "one entry goes back inline")
        lists.update("b") { $0.append((4, 13)) }
        lists.update("a") { $0.removeAll() }
        #expect(entries("a") == [] && entries("b") == [13] && lists.count == 1)
        lists.update("b") { $0[0].id = 14 }
        #expect(entries("b") == [14] && lists.count == 1 && lists.listed == 0, "a single entry changed in place")
    }

    /// A sweep forgets the subjects whose latest entry left the window, kept inline or in a
    /// list, and keeps the others as they were.
    @Test func aSweepForgetsWhatLeftTheWindow() {
        var lists = WindowedLists<String, Entry>()
        lists.update("one old") { $0.append((5, 1)) }
        lists.update("one recent") { $0.append((20, 2)) }
        lists.update("several old") { $0 += [(1, 3), (9, 4)] }
        lists.update("several recent") { $0 += [(1, 5), (10, 6)] }
        lists.forget(window: 90, on: 100) { $0.day }
        #expect(lists.count == 2)
        #expect(lists.update("one recent") { $0.map(\.id) } == [2])
        #expect(lists.update("several recent") { $0.map(\.id) } == [5, 6])
    }

    /// The escalation's subjects take 16 bytes (24 with the village first): some 200,000 are
    /// kept at 12,000 villages.
    @Test func anEscalationSubjectFitsSixteenBytes() {
        #expect(MemoryLayout<Escalator.Key>.stride == 16)
    }
}

@Suite("A day and an event id in 8 bytes")
struct DayAndIDTests {
    /// The extremes any log can hold come back whole, and the two fields never bleed.
    @Test func theExtremesComeBack() {
        #expect(MemoryLayout<DayAndID>.stride == 8)
        let extremes: [(Int32, UInt64)] = [
            (0, 1), (0, 1 << 42 - 1), (1 << 22 - 1, 1), (1 << 22 - 1, 1 << 42 - 1), (36_524, 17_556_411),
        ]
        for (day, id) in extremes {
            let mark = DayAndID(day: day, id: id)
            #expect(mark.day == day && mark.id == id)
        }
    }

    @Test func aDayNoLogHoldsStopsTheProgram() async {
        await #expect(processExitsWith: .failure) { _ = DayAndID(day: 1 << 22, id: 1) }
    }
}
