import DequeModule
import SanziAlerts
import SanziEvents
import SanziOutput

/// The warnings of a run's inline rules, as the world takes them up: the rules' thread hands
/// each alert over as it is raised; the world's thread, at the end of a day, waits until the
/// rules have read every event of the days it asks for, and takes their warnings.
final class RuleWarnings: WarningSource, EventSink {
    /// Warnings raised and not yet taken, in the order raised (days never decrease). A deque:
    /// taking a day's warnings off the front of an array moved the rest, some thousands at
    /// 12,000 villages, every day.
    private let raised = Locked<Deque<Warning>>([])
    /// The rules' pipeline, set once it is made.
    var pipeline: PipelineSink?
    /// Events seen on the world's thread, and the count at the end of each earlier day.
    private var seen = 0
    private var day: Int32 = 0
    private var ends: [(day: Int32, count: Int)] = []

    /// On the rules' thread: an alert raised.
    func hand(_ alert: Alert) {
        raised.withLock { $0.append(Warning(alert)) }
    }

    /// On the world's thread, before the rules' pipeline: counts the events of each day.
    func accept(_ event: LoggedEvent) {
        if event.day != day {
            ends.append((day, seen))
            day = event.day
        }
        seen += 1
    }

    func warnings(through last: Int32) -> [Warning] {
        var count = seen
        if last < day, let end = ends.lastIndex(where: { $0.day <= last }) {
            count = ends[end].count
            ends.removeFirst(end)  // later calls ask for later days
        } else if last < day {
            count = 0
        }
        pipeline?.wait(untilTaken: count)
        return raised.withLock { warnings in
            let end = warnings.firstIndex { $0.day > last } ?? warnings.count
            defer { warnings.removeFirst(end) }
            return Array(warnings.prefix(end))
        }
    }
}
