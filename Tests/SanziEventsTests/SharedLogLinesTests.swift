import Dispatch
import Foundation
import SanziEvents
import SanziOutput
import Testing

/// With `--jobs 2` the log's lines are formatted and written on the rules' queue and, while the
/// world waits for the rules, on the world's thread (`EventLogWriter.offload(to:)`,
/// `workWhileWaiting()`). Whichever thread formats a chunk, the file is the bytes one thread
/// writes, and nothing is at its path before `finish`.
@Suite("The log's lines on two threads")
struct SharedLogLinesTests {
    /// Events of every kind of field and length: ids, days, villages, numbers of every size.
    static let events: [LoggedEvent] = (1...20_000).map { index in
        let number = Int64(index) &* 2_654_435_761 % 10_000_000_000
        return LoggedEvent(
            id: UInt64(index), day: Int32(index / 40),
            record: LogRecord(
                index % 3 == 0 ? .listing : .disbursement, village: Int32(index % 3) - 1, code: UInt8(index % 9),
                subject: number, other: -number, party: Int64(index % 97), amount: number / 7, amount2: number / 3,
                count: Int32(index % 1_000), count2: Int32(index % 11)))
    }
    static let villages = ["v0", "v-1.b"]

    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).jsonl").path
    }

    static func writer(at path: String) throws -> EventLogWriter {
        try EventLogWriter(path: path, villageIDs: villages, dateOfDay: { "day \($0)" })
    }

    /// The bytes one thread writes.
    static func reference() throws -> Data {
        let path = path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try writer(at: path)
        for event in events { writer.accept(event) }
        try writer.finish()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The events in batches of 1 to 1,500 (some one at a time), the world's thread asking for
    /// work after some of them while the queue works too.
    @Test func whicheverThreadFormatsAChunkTheFileIsTheSameBytes() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try Self.writer(at: path)
        writer.offload(to: DispatchQueue(label: "rules"))
        var start = 0
        var round = 0
        while start < Self.events.count {
            let end = min(Self.events.count, start + 1 + (round * 617) % 1_500)
            if round % 5 == 0 {
                for event in Self.events[start..<end] { writer.accept(event) }
            } else {
                writer.accept(Array(Self.events[start..<end]))
            }
            for _ in 0..<(round % 3) { _ = writer.workWhileWaiting() }
            start = end
            round += 1
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the path until the log is finished")
        try writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.reference())
    }

    /// With the queue held, every chunk handed over waits for a thread: the world's formats
    /// them one a call, oldest first, and has none to do once they are done; the queue, let
    /// go, finds none left.
    @Test func theWorldsThreadFormatsWhatTheQueueHasNotStarted() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try Self.writer(at: path)
        let queue = DispatchQueue(label: "rules")
        writer.offload(to: queue)
        queue.suspend()
        writer.accept(Array(Self.events[..<10_000]))  // one chunk: handed over at once
        writer.accept(Array(Self.events[10_000..<12_048]))  // a second
        writer.accept(Array(Self.events[12_048..<13_000]))  // gathered, not handed over
        #expect(writer.workWhileWaiting())
        #expect(writer.workWhileWaiting())
        #expect(!writer.workWhileWaiting())
        queue.resume()
        writer.accept(Array(Self.events[13_000...]))
        try writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.reference())
    }

    /// A write that fails (the file is the full device) comes back from `finish`, and
    /// nothing is moved into place.
    @Test func aFailedWriteComesBackFromFinish() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createSymbolicLink(atPath: path + ".partial", withDestinationPath: "/dev/full")
        let writer = try Self.writer(at: path)
        writer.offload(to: DispatchQueue(label: "rules"))
        for start in stride(from: 0, to: Self.events.count, by: 1_000) {
            writer.accept(Array(Self.events[start..<(start + 1_000)]))
        }
        #expect {
            try writer.finish()
        } throws: { error in
            guard case .cannotWrite(let failed, _) = error as? OutputError else { return false }
            return failed == path
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A chunk the world's thread formats while the queue still formats the one before it
    /// waits for that one, and both are written in order: the queue's encoder is held in its
    /// first date (the dates are asked for once by each encoder, on its own thread).
    @Test func aChunkFormattedEarlyWaitsForTheOneBefore() throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tester = pthread_self()
        let (inFirstChunk, goOn) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let held = Locked(true)
        let writer = try EventLogWriter(path: path, villageIDs: Self.villages) { day in
            if pthread_equal(pthread_self(), tester) == 0, held.withLock({ $0 }) {
                inFirstChunk.signal()
                goOn.wait()
            }
            return "day \(day)"
        }
        writer.offload(to: DispatchQueue(label: "rules"))
        writer.accept(Array(Self.events[..<2_048]))
        inFirstChunk.wait()
        held.withLock { $0 = false }
        writer.accept(Array(Self.events[2_048..<4_096]))
        #expect(writer.workWhileWaiting(), "the second chunk is the world's to format")
        let written = try FileManager.default.attributesOfItem(atPath: path + ".partial")[.size] as? NSNumber
        #expect(written == 0, "nothing is written before the first chunk")
        goOn.signal()
        writer.accept(Array(Self.events[4_096...]))
        try writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.reference())
    }

    /// A producer that finds its pipeline full, or waits for the sink behind to take events,
    /// does the work it is given until there is none, and only then waits: the sink behind is
    /// held until the third piece of work (or five seconds).
    @Test func aPipelinesProducerWorksInsteadOfWaiting() {
        final class Gate: EventSink, @unchecked Sendable {
            let open = DispatchSemaphore(value: 0)
            private(set) var taken = 0
            private(set) var timedOut = false
            func accept(_ event: LoggedEvent) {
                if taken == 0 { timedOut = open.wait(timeout: .now() + 5) == .timedOut }
                taken += 1
            }
        }
        let gate = Gate()
        let chores = Locked(3)
        let pipeline = PipelineSink(gate, batchSize: 1, depth: 1) {
            chores.withLock { left in
                guard left > 0 else { return false }
                left -= 1
                if left == 0 { gate.open.signal() }
                return true
            }
        }
        for event in Self.events.prefix(3) { pipeline.accept(event) }
        pipeline.wait(untilTaken: 3)
        pipeline.finish()
        #expect(chores.withLock { $0 } == 0)
        #expect(gate.taken == 3 && !gate.timedOut)
    }
}
