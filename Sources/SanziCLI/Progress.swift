import SanziEngine
import SanziEvents

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on standard error while a run streams its log: the day reached, the share
/// of the horizon and the events so far, redrawn a few times a second. Used only when standard
/// error is a terminal and the run is not `--quiet`; the line is cleared at the end.
final class Progress: EventSink {
    let days: Int
    private var events = 0
    private var lastDraw = 0.0
    private let started: Double

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
        let share = min(100, Int(event.day) * 100 / days)
        let rate = Int(Double(events) / max(now - started, 1e-9))
        Self.draw("simulating    day \(event.day) of \(days) (\(share)%), \(events) events, \(rate) events/s")
    }

    /// Clears the progress line.
    func finish() { Self.draw("") }

    /// Replaces the progress line with `text` (nothing clears it).
    static func draw(_ text: String) {
        let bytes = Array(("\r\u{1B}[K" + text).utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
