import SanziEngine
import SanziEvents

/// The engine observer that streams the world's observable records to the log: it numbers
/// them in dispatch order and counts them by type. It is the only path from world to log.
///
/// The sink is an existential on purpose: the run loop stays concrete (specialised for the
/// world) instead of generic over the sink, which would make every engine call generic.
public struct LogObserver: EventObserver {
    public let sink: any EventSink
    public private(set) var logged: UInt64 = 0
    public private(set) var counts = [Int](repeating: 0, count: EventType.allCases.count)
    /// The events each case touched, by case index (ground truth; never written to the log).
    private(set) var caseEvents: [[(id: UInt64, day: Int32)]] = []

    public init(sink: any EventSink) { self.sink = sink }

    public mutating func observe(_ event: World.Event, at time: Tick) {
        switch event {
        case .log(let record):
            write(record, at: time)
        case .logCase(let record, let caseIndex):
            write(record, at: time)
            while caseEvents.count <= Int(caseIndex) { caseEvents.append([]) }
            caseEvents[Int(caseIndex)].append((logged, Int32(time)))
        default:
            break
        }
    }

    private mutating func write(_ record: LogRecord, at time: Tick) {
        logged += 1
        counts[Int(record.type.rawValue)] += 1
        sink.accept(LoggedEvent(id: logged, day: Int32(time), record: record))
    }
}
