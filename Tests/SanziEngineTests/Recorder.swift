import SanziEngine

/// A model that records what it handles, for tests: each event is a label, and a handler can
/// react to labels by scheduling more events.
struct Recorder: Model {
    typealias Event = Int
    var log: [(time: Tick, event: Int)] = []
    var reaction: (Int, inout Scheduler<Int>) -> Void = { _, _ in }

    mutating func handle(_ event: Int, in scheduler: inout Scheduler<Int>) {
        log.append((scheduler.now, event))
        reaction(event, &scheduler)
    }

    var events: [Int] { log.map(\.event) }
}
