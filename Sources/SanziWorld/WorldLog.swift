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
    /// The events each case touched (ground truth; never written to the log).
    let touches: CaseTouches

    public init(sink: any EventSink, touches: CaseTouches = CaseTouches()) {
        (self.sink, self.touches) = (sink, touches)
    }

    /// Numbers the records the world emitted (in order, in place), notes the cases they
    /// touched (`cases`: position in `records` and case), and hands them to the sink as one
    /// batch, which consumers on other threads may keep a while.
    mutating func write(_ records: inout [LoggedEvent], cases: [(position: Int32, caseIndex: Int32)]) {
        let first = logged + 1
        for index in records.indices {
            logged += 1
            records[index].id = logged
            counts[Int(records[index].record.type.rawValue)] += 1
        }
        for (position, caseIndex) in cases {
            touches.append(id: first + UInt64(position), caseIndex: caseIndex, day: records[Int(position)].day)
        }
        sink.accept(records)
    }
}
