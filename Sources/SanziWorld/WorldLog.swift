import SanziEngine
import SanziEvents

/// The only path from the world to the log: it numbers the records the world emitted, in the
/// order emitted, counts them by type, and notes which case each touched.
///
/// The sink is an existential on purpose: the run loop stays concrete (specialised for the
/// world) instead of generic over the sink, which would make every engine call generic.
public struct WorldLog {
    public let sink: any EventSink
    public private(set) var logged: UInt64 = 0
    public private(set) var counts = [Int](repeating: 0, count: EventType.allCases.count)
    /// The events each case touched, by case index (ground truth; never written to the log).
    private(set) var caseEvents: [[(id: UInt64, day: Int32)]] = []

    public init(sink: any EventSink) { self.sink = sink }

    /// Writes records the world emitted, in order, handing them to the sink as one batch (an
    /// array of its own, exactly as large: consumers on other threads may keep it a while).
    mutating func write(_ records: [World.Emitted]) {
        var batch: [LoggedEvent] = []
        batch.reserveCapacity(records.count)
        for emitted in records { batch.append(number(emitted)) }
        sink.accept(batch)
    }

    private mutating func number(_ emitted: World.Emitted) -> LoggedEvent {
        logged += 1
        counts[Int(emitted.record.type.rawValue)] += 1
        if emitted.caseIndex >= 0 {
            while caseEvents.count <= Int(emitted.caseIndex) { caseEvents.append([]) }
            caseEvents[Int(emitted.caseIndex)].append((logged, emitted.day))
        }
        return LoggedEvent(id: logged, day: emitted.day, record: emitted.record)
    }
}
