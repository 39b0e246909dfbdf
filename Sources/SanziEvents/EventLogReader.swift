#if canImport(Glibc)
    import Glibc
#endif

/// Reads `events.jsonl` back into events, streaming it in 1 MiB chunks: memory stays flat
/// whatever the log's size. Fields are read in the order the writer writes them (the order
/// of `EventSchema`), and every key is checked, so a line that is not Sanzi's is an error
/// with its line number, not a wrong guess. The log as a whole is checked too: ids run 1, 2,
/// 3, … without gaps, days never decrease and every date is its day's, integers lie within
/// ±`maximumMagnitude` (counts within 32 bits), lines are at most `maximumLineLength` bytes,
/// and a log holds at least one event. Lines swapped, repeated, cut out or from another log
/// are errors, never a different result.
public struct EventLogReader: ~Copyable {
    public enum ReadError: Error, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case malformed(path: String, line: Int, reason: String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "\(path): error: cannot read the event log: \(reason)"
            case .malformed(let path, let line, let reason): return "\(path):\(line): error: \(reason)"
            }
        }
    }

    /// The largest magnitude of an integer field (10^15: a trillion yuan in fen, far above any
    /// amount a scenario can produce, and low enough that the rules' arithmetic cannot
    /// overflow).
    public static let maximumMagnitude: Int64 = 1_000_000_000_000_000
    /// The longest line accepted, in bytes (the longest Sanzi writes is under 1 KiB).
    public static let maximumLineLength = 1 << 20

    public let path: String
    private let descriptor: Int32
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0
    private var finished = false
    private(set) var line = 0
    /// Village ids in order of first appearance; records index this list.
    public private(set) var villageIDs: [String] = []
    /// Village indices by a hash of their id's bytes (ids are checked on a match).
    private var villageIndex: [UInt64: Int32] = [:]
    private var villageBytes: [[UInt8]] = []
    /// The first event's day and date, to map days to dates.
    public private(set) var firstDate: (day: Int32, date: String)?
    private var lastID: Int64 = 0
    private var lastDay: Int64 = 0
    /// The day number (days since 1970-01-01) of the log's day 0, and the last day checked.
    private var dayZero: Int64?
    private var checkedDay: Int64 = -1
    /// The checked day's date, its ten bytes as two words (compared per line without a loop).
    private var checkedDate: (UInt64, UInt16) = (0, 0)
    private let formats: [[(key: [UInt8], slot: EventSchema.Slot, names: [[UInt8]])]]
    private let typeNames: [(name: [UInt8], type: EventType)]

    public init(path: String) throws(ReadError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        formats = EventType.allCases.map { type in
            EventSchema.fields(of: type).map { field in
                let names: [String]
                switch field.slot {
                case .code(let list), .countNamed(let list), .count2Named(let list): names = list
                default: names = []
                }
                return (Array(field.name.utf8), field.slot, names.map { Array($0.utf8) })
            }
        }
        typeNames = EventType.allCases.map { (Array($0.name.utf8), $0) }
    }

    deinit { close(descriptor) }

    /// The next event, or nil at the end of the log.
    public mutating func next() throws(ReadError) -> LoggedEvent? {
        while true {
            let found = chunk.withUnsafeBufferPointer { buffer in
                memchr(buffer.baseAddress! + start, 0x0A, end - start).map {
                    $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: buffer.baseAddress!)
                }
            }
            if let newline = found {
                let lineRange = start..<newline
                start = newline + 1
                line += 1
                if lineRange.isEmpty { continue }
                return try parse(lineRange)
            }
            if finished {
                guard start < end else {
                    if lastID == 0 {
                        line = max(line, 1)
                        throw fail("the log holds no events")
                    }
                    return nil
                }
                let lineRange = start..<end
                start = end
                line += 1
                return try parse(lineRange)
            }
            try refill()
        }
    }

    private mutating func refill() throws(ReadError) {
        let pending = end - start
        if start > 0 {
            chunk.withUnsafeMutableBufferPointer { buffer in
                _ = memmove(buffer.baseAddress!, buffer.baseAddress! + start, pending)
            }
            start = 0
            end = pending
        }
        if end == chunk.count {
            line += 1
            throw fail("a line longer than \(Self.maximumLineLength) bytes is not Sanzi's")
        }
        let count = chunk.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress! + end, $0.count - end) }
        if count < 0 { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if count == 0 { finished = true }
        end += count
    }

    private static let idKey = Array("id".utf8)
    private static let dayKey = Array("day".utf8)
    private static let dateKey = Array("date".utf8)
    private static let typeKey = Array("type".utf8)
    private static let villageKey = Array("village".utf8)

    private func fail(_ reason: String) -> ReadError { .malformed(path: path, line: line, reason: reason) }

    private mutating func parse(_ range: Range<Int>) throws(ReadError) -> LoggedEvent {
        let buffer = chunk
        let result: Result<LoggedEvent, ReadError> = buffer.withUnsafeBufferPointer { bytes in
            do throws(ReadError) {
                return .success(try parse(bytes, range))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(ReadError)
        -> LoggedEvent
    {
        var cursor = Cursor(bytes: bytes, index: range.lowerBound, end: range.upperBound)
        guard cursor.take(UInt8(ascii: "{")) else { throw fail("a line must be a JSON object") }
        guard let id = cursor.integer(after: Self.idKey, first: true) else { throw fail("expected \"id\"") }
        guard id == lastID + 1 else {
            throw fail("event ids run 1, 2, 3, … without gaps: expected \(lastID + 1), found \(id)")
        }
        guard let day = cursor.integer(after: Self.dayKey), (0...Int64(Int32.max)).contains(day) else {
            throw fail("expected \"day\", a whole number from 0 to \(Int32.max)")
        }
        guard day >= lastDay else { throw fail("days never decrease: day \(day) after day \(lastDay)") }
        guard let date = cursor.string(after: Self.dateKey) else { throw fail("expected \"date\"") }
        try check(date: date, of: day)
        lastID = id
        lastDay = day
        if firstDate == nil { firstDate = (Int32(day), String(decoding: date, as: UTF8.self)) }
        guard let typeName = cursor.string(after: Self.typeKey),
            let type = typeNames.first(where: { $0.name.count == typeName.count && $0.name.elementsEqual(typeName) })?
                .type
        else {
            throw fail("expected a known \"type\"")
        }
        var record = LogRecord(type, village: -1)
        guard cursor.key(Self.villageKey) else { throw fail("expected \"village\"") }
        if let village = cursor.stringValue() {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in village { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            if let index = villageIndex[hash], villageBytes[Int(index)].elementsEqual(village) {
                record.village = index
            } else if villageIndex[hash] == nil {
                record.village = Int32(villageIDs.count)
                villageIndex[hash] = record.village
                villageBytes.append(Array(village))
                villageIDs.append(String(decoding: village, as: UTF8.self))
            } else {
                throw fail("two village ids share a hash; rename one")
            }
        } else if !cursor.null() {
            throw fail("\"village\" must be a string or null")
        }
        for field in formats[Int(type.rawValue)] {
            guard cursor.key(field.key) else {
                throw fail("expected \"\(String(decoding: field.key, as: UTF8.self))\" in a \(type.name) event")
            }
            switch field.slot {
            case .code, .countNamed, .count2Named:
                guard let name = cursor.stringValue(),
                    let index = field.names.firstIndex(where: { $0.elementsEqual(name) })
                else { throw fail("unknown value of \"\(String(decoding: field.key, as: UTF8.self))\"") }
                record[field.slot] = Int64(index)
            default:
                guard let value = cursor.integerValue() else {
                    throw fail(
                        "\"\(String(decoding: field.key, as: UTF8.self))\" must be an integer within ±\(Self.maximumMagnitude)"
                    )
                }
                switch field.slot {
                case .count, .count2:
                    guard Int32(exactly: value) != nil else {
                        throw fail("\"\(String(decoding: field.key, as: UTF8.self))\" must fit in 32 bits")
                    }
                default: break
                }
                record[field.slot] = value
            }
        }
        guard cursor.take(UInt8(ascii: "}")) else {
            throw fail("unexpected fields after the \(type.name) event's last")
        }
        return LoggedEvent(id: UInt64(id), day: Int32(day), record: record)
    }

    /// Checks that `date` is a real `YYYY-MM-DD` date as many days after day 0 as `day` says,
    /// as on every other line (the date is computed once a day: lines of one day share it).
    private mutating func check(date: Slice<UnsafeBufferPointer<UInt8>>, of day: Int64) throws(ReadError) {
        let words = date.count == 10 ? Self.words(of: date) : nil
        if day == checkedDay, let words, words == checkedDate { return }
        guard let number = Self.dayNumber(of: date) else { throw fail("\"date\" must be a date, YYYY-MM-DD") }
        if let dayZero, number - day != dayZero {
            throw fail("the date is not day \(day)'s: earlier lines put day 0 elsewhere")
        }
        dayZero = number - day
        checkedDay = day
        checkedDate = words ?? (0, 0)
    }

    /// Ten bytes as two words.
    private static func words(of date: Slice<UnsafeBufferPointer<UInt8>>) -> (UInt64, UInt16) {
        let start = UnsafeRawPointer(date.base.baseAddress!) + date.startIndex
        return (start.loadUnaligned(as: UInt64.self), (start + 8).loadUnaligned(as: UInt16.self))
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date in the proleptic Gregorian calendar, or nil
    /// when the text is not such a date.
    public static func dayNumber(of text: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        let digits = Array(text)
        guard digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month)
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[Int(month - 1)]).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A position in one line of JSON, for the reader's strict, ordered parse.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads `,"key":` (or `"key":` for the first field).
    mutating func key(_ key: [UInt8], first: Bool = false) -> Bool {
        if !first { guard take(UInt8(ascii: ",")) else { return false } }
        guard take(UInt8(ascii: "\"")) else { return false }
        for byte in key {
            guard take(byte) else { return false }
        }
        return take(UInt8(ascii: "\"")) && take(UInt8(ascii: ":"))
    }

    /// An integer within ±`EventLogReader.maximumMagnitude`, or nil.
    mutating func integerValue() -> Int64? {
        let negative = take(UInt8(ascii: "-"))
        var value: Int64 = 0
        var digits = 0
        while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            guard value <= EventLogReader.maximumMagnitude else { return nil }
            index += 1
            digits += 1
        }
        return digits == 0 ? nil : negative ? -value : value
    }

    /// A string without escapes (Sanzi writes none in these fields).
    mutating func stringValue() -> Slice<UnsafeBufferPointer<UInt8>>? {
        let saved = index
        guard take(UInt8(ascii: "\"")) else { return nil }
        let first = index
        while index < end, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                index = saved
                return nil
            }
            index += 1
        }
        guard index < end else {
            index = saved
            return nil
        }
        index += 1
        return bytes[first..<(index - 1)]
    }

    mutating func null() -> Bool {
        guard index + 4 <= end, bytes[index..<(index + 4)].elementsEqual("null".utf8) else { return false }
        index += 4
        return true
    }

    mutating func integer(after name: [UInt8], first: Bool = false) -> Int64? {
        key(name, first: first) ? integerValue() : nil
    }

    mutating func string(after name: [UInt8]) -> Slice<UnsafeBufferPointer<UInt8>>? {
        key(name) ? stringValue() : nil
    }
}
