import SanziEngine
import SanziEvents
import SanziOutput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on standard error while a run streams its log: the day reached, the share
/// of the horizon, the events so far and, once days past the building have gone by, the time
/// left, redrawn a few times a second. Used only when standard error is a terminal and the run
/// is not `--quiet`; the line is cleared at the end.
final class Progress: EventSink {
    let days: Int
    private var events = 0
    private var lastDraw = 0.0
    private let started: Double
    /// The first drawing past day 0, the day and time it was at: the building (day 0, a sixth
    /// of a year's events at 12,000 villages) is not a day like the others.
    private var paceFrom: (day: Int, seconds: Double)?

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    init(days: Int) {
        self.days = max(days, 1)
        started = WallClock.seconds()
    }

    func accept(_ event: LoggedEvent) {
        events += 1
        guard events & 0x3FFF == 0 else { return }
        let now = WallClock.seconds()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        let day = Int(event.day)
        if day >= 1, paceFrom == nil { paceFrom = (day, now) }
        let left = paceFrom.flatMap { Self.secondsLeft(day: day, of: days, since: $0, now: now) }
        Self.draw(Self.line(day: day, of: days, events: events, seconds: now - started, secondsLeft: left))
    }

    /// The time the days after `day` will take at the pace of those since `start`, once there
    /// is one to go by.
    static func secondsLeft(day: Int, of days: Int, since start: (day: Int, seconds: Double), now: Double) -> Double? {
        guard day > start.day else { return nil }
        return (now - start.seconds) / Double(day - start.day) * Double(max(days - day, 0))
    }

    /// The progress line: "simulating    day 139 of 365 (38%), 7,995,392 events, 1,605,500
    /// events/s, about 9 s left".
    static func line(day: Int, of days: Int, events: Int, seconds: Double, secondsLeft: Double?) -> String {
        let share = min(100, day * 100 / max(days, 1))
        let rate = Int64(Double(events) / max(seconds, 1e-9))
        let left = secondsLeft.map { ", about \(duration($0)) left" } ?? ""
        return "simulating    day \(day) of \(days) (\(share)%), \(NumberText.grouped(Int64(events))) events, "
            + "\(NumberText.grouped(rate)) events/s\(left)"
    }

    /// Seconds as "9 s", "4 min 05 s" or "2 h 03 min".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds, 0), 1e9).rounded(.up))
        if whole < 60 { return "\(whole) s" }
        let (minutes, second) = whole.quotientAndRemainder(dividingBy: 60)
        if minutes < 60 { return "\(minutes) min \(second < 10 ? "0" : "")\(second) s" }
        let (hours, minute) = minutes.quotientAndRemainder(dividingBy: 60)
        return "\(hours) h \(minute < 10 ? "0" : "")\(minute) min"
    }

    /// Clears the progress line.
    func finish() { Self.draw("") }

    /// Replaces the progress line with `text` (nothing clears it).
    static func draw(_ text: String) {
        let bytes = Array(("\r\u{1B}[K" + text).utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
