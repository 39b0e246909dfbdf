import Testing

@testable import SanziCLI

/// The progress line a long run draws on a terminal: grouped numbers, and the time left once days
/// past the building (day 0, not a day like the others) have gone by.
@Suite("Progress line")
struct ProgressTests {
    @Test func theLineGroupsItsNumbersAndSaysTheTimeLeft() {
        #expect(
            Progress.line(day: 139, of: 365, events: 7_995_392, seconds: 4.98, secondsLeft: 8.2)
                == "simulating    day 139 of 365 (38%), 7,995,392 events, 1,605,500 events/s, about 9 s left")
        #expect(
            Progress.line(day: 0, of: 365, events: 16_384, seconds: 0.5, secondsLeft: nil)
                == "simulating    day 0 of 365 (0%), 16,384 events, 32,768 events/s")
    }

    /// The days from the first drawing past day 0 to `day` took `now` less its time; the days
    /// after `day` take as long each.
    @Test func theTimeLeftGoesByTheDaysSinceTheBuilding() {
        #expect(Progress.secondsLeft(day: 3, of: 365, since: (3, 10), now: 12) == nil)
        #expect(Progress.secondsLeft(day: 5, of: 365, since: (1, 10), now: 12) == 2.0 / 4 * 360)
        #expect(Progress.secondsLeft(day: 40, of: 365, since: (30, 10), now: 12) == 2.0 / 10 * 325)
        #expect(Progress.secondsLeft(day: 365, of: 365, since: (1, 10), now: 40) == 0)
    }

    @Test func durationsReadAsSecondsMinutesOrHours() {
        #expect(Progress.duration(0) == "0 s")
        #expect(Progress.duration(8.2) == "9 s")
        #expect(Progress.duration(59.5) == "1 min 00 s")
        #expect(Progress.duration(60) == "1 min 00 s")
        #expect(Progress.duration(245) == "4 min 05 s")
        #expect(Progress.duration(3_599) == "59 min 59 s")
        #expect(Progress.duration(7_380) == "2 h 03 min")
        #expect(Progress.duration(-3) == "0 s")
        #expect(Progress.duration(.infinity) == "277777 h 46 min")
    }
}
