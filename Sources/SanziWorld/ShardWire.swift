import Foundation
import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// The split run's calls to a district's world kept elsewhere (`RemoteShard`), and its
/// answers (`ShardServer`), as bytes: the `ShardHost` calls, one message each way.
///
/// A message is its call or answer in JSON, then the records the district logged while
/// answering and the events its cases touched, as the fixed-size values they are (the same
/// build of `sanzi` at both ends): `length` (8 bytes, little-endian) and JSON, then `count` and
/// records, then `count` and touches.
enum ShardWire {
    /// The messages' version: a change of any call, answer or record's layout changes it, and
    /// a district refuses a run of another.
    static let version = 4

    /// What the run asks of a district.
    enum Call: Codable {
        /// Build the district's world from the scenario cut down to it (`Scenario.shard(_:)`),
        /// for a run whose messages are of the `wire` version.
        case build(ShardPlace, Scenario, seed: UInt64, knowledge: OffenderKnowledge, wire: Int)
        case simulate(day: Tick)
        case receive([Warning])
        case windowNews
        case windowBegins(World.WindowNews)
        case surveyed(day: Int32)
        case groundTruth([CaseTouches.Events])
        case actors
        case census
        case sharedFirms
    }

    /// What a district answers, and what it tells with every answer once built.
    struct Reply: Codable {
        var answer: Answer
        var state: State?
    }

    /// What a district answers.
    enum Answer: Codable {
        case built
        case done
        case count(Int)
        case news(World.ShardNews, now: Tick)
        case surveyed(SurveyedVillages)
        case truth([Case])
        case actors(ActorSnapshot)
        case census(Census)
        /// The call failed in the district's process: why.
        case failed(String)
    }

    /// What the run reads of a district after each call, told with every answer rather than
    /// asked for (a call fewer per question, each a round trip).
    struct State: Codable {
        /// The city's officials as the district holds them, and the shared firms it had not
        /// told of yet.
        var replicas: ShardReplicas
        var warningSystemRuns: Bool
    }

    /// A message that cannot be read: what is wrong with it.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// `value`, and the records and touches that go with it, as one message.
    static func message(
        _ value: some Encodable, records: [LoggedEvent] = [], touches: [CaseTouches.Touch] = []
    ) throws -> [UInt8] {
        let json = try JSONEncoder().encode(value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24 + json.count + records.count * MemoryLayout<LoggedEvent>.stride)
        append(UInt64(json.count), to: &bytes)
        bytes.append(contentsOf: json)
        append(records, to: &bytes)
        append(touches, to: &bytes)
        return bytes
    }

    /// The value, records and touches of a message.
    static func read<Value: Decodable>(
        _ type: Value.Type, from bytes: [UInt8]
    ) throws -> (value: Value, records: [LoggedEvent], touches: [CaseTouches.Touch]) {
        var reader = Reader(bytes: bytes)
        let length = try reader.count()
        let value = try JSONDecoder().decode(type, from: Data(try reader.take(length)))
        let records: [LoggedEvent] = try reader.values(checking: recordTypeIsKnown)
        let touches: [CaseTouches.Touch] = try reader.values()
        guard reader.isAtEnd else { throw Malformed(description: "bytes after the message's end") }
        return (value, records, touches)
    }

    /// Whether the bytes of a record name a known event type (any other byte there would be no
    /// `EventType` at all).
    private static func recordTypeIsKnown(_ record: UnsafeRawBufferPointer) -> Bool {
        guard let offset = typeOffset, offset < record.count else { return false }
        return EventType(rawValue: record[offset]) != nil
    }

    /// Where a logged event's type byte is.
    private static let typeOffset: Int? = MemoryLayout<LoggedEvent>.offset(of: \LoggedEvent.record.type)

    static func append(_ count: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: count.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append<Value: BitwiseCopyable>(_ values: [Value], to bytes: inout [UInt8]) {
        append(UInt64(values.count), to: &bytes)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Reads a message's parts in order.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.count - position else {
                throw Malformed(description: "a message cut short (\(bytes.count) bytes)")
            }
            defer { position += count }
            return bytes[position..<position + count]
        }

        mutating func count() throws -> Int {
            let raw = try take(8).reduce(into: (value: UInt64(0), shift: UInt64(0))) {
                $0.value |= UInt64($1) << $0.shift
                $0.shift += 8
            }.value
            guard let count = Int(exactly: raw) else { throw Malformed(description: "a length of \(raw)") }
            return count
        }

        /// `count` values as their bytes, each checked by `checking` before it becomes one.
        mutating func values<Value: BitwiseCopyable>(
            checking: (UnsafeRawBufferPointer) -> Bool = { _ in true }
        ) throws -> [Value] {
            let count = try count()
            let stride = MemoryLayout<Value>.stride
            guard count <= (bytes.count - position) / stride else {
                throw Malformed(description: "\(count) values in a message cut short")
            }
            let raw = try take(count * stride)
            let valid = raw.withUnsafeBytes { all in
                (0..<count).allSatisfy {
                    checking(UnsafeRawBufferPointer(rebasing: all[$0 * stride..<($0 + 1) * stride]))
                }
            }
            guard valid else { throw Malformed(description: "a value of no known kind") }
            // Made with no room, the array would write its count into the empty array every
            // thread shares (ThreadSanitizer saw servers' threads race there).
            guard count > 0 else { return [] }
            return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                raw.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                }
                initialized = count
            }
        }
    }
}

/// Carries a district's calls, as messages (`ShardWire`), to where its world runs, and brings
/// back its answers.
///
/// A call is posted, then its answer collected: a run posts every district's day before it
/// waits for the first answer, so that the districts simulate their days side by side.
public protocol ShardChannel: Sendable {
    /// Sends the call, without waiting for its answer.
    func post(_ message: [UInt8]) throws
    /// Waits for the answer to the call posted last.
    func collect() throws -> [UInt8]
}

/// Why a district's world kept elsewhere could not answer: the split run stops.
public struct ShardFailure: Error, Sendable, CustomStringConvertible {
    /// The district's position in the scenario.
    public var district: Int
    public var reason: String

    public var description: String { "district \(district + 1): \(reason)" }
}
