import CSanziPrefetch
import SanziOutput

/// Formats logged events as JSON lines into a raw byte buffer. Every piece of a line that
/// does not depend on the event's numbers is encoded once into an arena of bytes — a day's
/// `,"day":…,"date":"…"`, a type's `,"type":"…","village":`, a named value with its key — or,
/// for the villages' ids, into slots of their own (`LiteralSlots`), and copied from there 16
/// bytes at a time; numbers are formatted in place, two digits at a time.
/// Writing an event allocates nothing and touches no reference count.
struct JSONLineEncoder {
    static let flushSize = 1 << 20
    /// Longest line an event can make, with room to spare (a village id is at most 200
    /// characters, 1,200 bytes escaped).
    static let lineLimit = 4096
    /// How far a copy may read past a span's end and write past a line's: the arena ends with
    /// this many spare bytes, and the buffer has `lineLimit` past `flushSize`.
    static let overrun = 16
    /// The size of a buffer lines are written into.
    static let capacity = flushSize + lineLimit

    /// A run of bytes in the arena.
    struct Span {
        var offset: Int32
        var length: Int32
    }

    /// How one field is written.
    struct FieldFormat {
        enum Source: UInt8 { case subject, other, party, amount, amount2, count, count2, code, countName, count2Name }
        /// The key, `,"name":`.
        var key: Span
        var source: Source
        /// Where this field's value names, each with the key before it, start in `names`; the
        /// one after the last is the key with `"unknown"`.
        var firstName: Int32
        var nameCount: Int32
    }

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    /// The spans' bytes, then `overrun` spare ones.
    private var arena: [UInt8] = []
    /// `"00"` to `"99"`, at the arena's start.
    private let digitPairs: Span
    /// `null` (for scenario-wide events), then each village's id as a JSON literal: village `n`
    /// is slot `n + 1`.
    private let villages: LiteralSlots
    /// Per type, `,"type":"name","village":`.
    private var typeParts: [Span] = []
    private var fields: [FieldFormat] = []
    /// For each event type, its fields' range in `fields`.
    private var fieldRanges: [Range<Int>] = []
    private var names: [Span] = []
    /// Per day, `,"day":N,"date":"YYYY-MM-DD"`, made when first needed.
    private var dayParts: [Span] = []
    private var daysBefore: [Int32: Span] = [:]
    private let dateOfDay: (Int32) -> String
    private var idKey = Span(offset: 0, length: 0)
    private var lineEnd = Span(offset: 0, length: 0)

    init(villageIDs ids: [String], dateOfDay: @escaping (Int32) -> String) {
        bytes = .allocate(capacity: Self.capacity)
        self.dateOfDay = dateOfDay
        villages = LiteralSlots(["null"] + ids.map(Escaping.jsonLiteral), spare: Self.overrun)
        arena = Array(repeating: 0, count: Self.overrun)
        digitPairs = Span(offset: 0, length: 200)
        _ = store((0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }.joined())
        idKey = store("{\"id\":")
        lineEnd = store("}\n")
        typeParts = EventType.allCases.map { store(",\"type\":\"\($0.name)\",\"village\":") }
        for type in EventType.allCases {
            let start = fields.count
            for field in EventSchema.fields(of: type) { fields.append(format(field)) }
            fieldRanges.append(start..<fields.count)
        }
    }

    /// Frees the buffer; the encoder must not be used afterwards.
    func deallocate() { bytes.deallocate() }

    mutating func reset() { count = 0 }

    /// Goes on in `buffer` (of `capacity` bytes), from its start; the caller owns the old one.
    mutating func use(_ buffer: UnsafeMutablePointer<UInt8>) {
        bytes = buffer
        count = 0
    }

    /// Adds `text` to the arena, keeping the spare bytes at its end.
    private mutating func store(_ text: String) -> Span {
        arena.removeLast(Self.overrun)
        let span = Span(offset: Int32(arena.count), length: Int32(text.utf8.count))
        arena.append(contentsOf: text.utf8)
        arena.append(contentsOf: repeatElement(0, count: Self.overrun))
        return span
    }

    private mutating func format(_ field: EventSchema.Field) -> FieldFormat {
        let keyText = ",\"\(field.name)\":"
        let key = store(keyText)
        let first = Int32(names.count)
        func named(_ source: FieldFormat.Source, _ values: [String]) -> FieldFormat {
            for value in values + ["unknown"] { names.append(store(keyText + "\"\(value)\"")) }
            return FieldFormat(key: key, source: source, firstName: first, nameCount: Int32(values.count))
        }
        switch field.slot {
        case .subject: return FieldFormat(key: key, source: .subject, firstName: first, nameCount: 0)
        case .other: return FieldFormat(key: key, source: .other, firstName: first, nameCount: 0)
        case .party: return FieldFormat(key: key, source: .party, firstName: first, nameCount: 0)
        case .amount: return FieldFormat(key: key, source: .amount, firstName: first, nameCount: 0)
        case .amount2: return FieldFormat(key: key, source: .amount2, firstName: first, nameCount: 0)
        case .count: return FieldFormat(key: key, source: .count, firstName: first, nameCount: 0)
        case .count2: return FieldFormat(key: key, source: .count2, firstName: first, nameCount: 0)
        case .code(let values): return named(.code, values)
        case .countNamed(let values): return named(.countName, values)
        case .count2Named(let values): return named(.count2Name, values)
        }
    }

    /// A day's part of a line. A day before the start (no run logs one) is written with its
    /// number and the first day's date, as it always was.
    private mutating func dayPart(_ day: Int32) -> Span {
        guard day >= 0 else {
            if let known = daysBefore[day] { return known }
            let part = store(",\"day\":\(day),\"date\":\"\(dateOfDay(0))\"")
            daysBefore[day] = part
            return part
        }
        while dayParts.count <= Int(day) {
            let day = Int32(dayParts.count)
            dayParts.append(store(",\"day\":\(day),\"date\":\"\(dateOfDay(day))\""))
        }
        return dayParts[Int(day)]
    }

    /// How many lines ahead `encode(_:at:)` asks for a village's slot: about the lines formatted
    /// while one read comes from memory.
    static let lookahead = 8

    /// Appends `events[index]` as a line, having asked the processor for the village of the
    /// event `lookahead` further on (at 12,000 villages their slots are far from the caches).
    /// The caller flushes once `count` passes `flushSize`.
    mutating func encode(_ events: [LoggedEvent], at index: Int) {
        if index + Self.lookahead < events.count {
            let village = Self.slot(of: events[index + Self.lookahead].record.village)
            if village < villages.count { sanzi_prefetch(villages.slot(village)) }
        }
        encode(events[index])
    }

    /// Appends one event as a line. The caller flushes once `count` passes `flushSize`.
    mutating func encode(_ event: LoggedEvent) {
        let record = event.record
        let day = dayPart(event.day)
        let type = Int(record.type.rawValue)
        var end = bytes + count
        arena.withUnsafeBufferPointer { arenaBuffer in
            let arena = arenaBuffer.baseAddress!
            let pairs = arena + Int(digitPairs.offset)
            Self.copy(idKey, from: arena, to: &end)
            Self.integer(Int64(event.id), pairs: pairs, to: &end)
            Self.copy(day, from: arena, to: &end)
            Self.copy(typeParts[type], from: arena, to: &end)
            Self.copy(villages[Self.slot(of: record.village)], to: &end)
            for index in fieldRanges[type] {
                let format = fields[index]
                let number: Int64
                switch format.source {
                case .subject: number = record.subject
                case .other: number = record.other
                case .party: number = record.party
                case .amount: number = record.amount
                case .amount2: number = record.amount2
                case .count: number = Int64(record.count)
                case .count2: number = Int64(record.count2)
                case .code:
                    Self.copy(name(format, Int(record.code)), from: arena, to: &end)
                    continue
                case .countName:
                    Self.copy(name(format, Int(record.count)), from: arena, to: &end)
                    continue
                case .count2Name:
                    Self.copy(name(format, Int(record.count2)), from: arena, to: &end)
                    continue
                }
                Self.copy(format.key, from: arena, to: &end)
                Self.integer(number, pairs: pairs, to: &end)
            }
            Self.copy(lineEnd, from: arena, to: &end)
        }
        count = end - bytes
    }

    /// The slot in `villages` of `village`'s id (a negative village's is `null`).
    @inline(__always)
    private static func slot(of village: Int32) -> Int { village < 0 ? 0 : Int(village) + 1 }

    /// A named value with its key; out of range, `"unknown"`.
    private func name(_ format: FieldFormat, _ index: Int) -> Span {
        let known = index >= 0 && index < Int(format.nameCount)
        return names[Int(format.firstName) + (known ? index : Int(format.nameCount))]
    }

    /// Copies `span` 16 bytes at a time (fixed-size moves, no call to `memcpy`): it may read
    /// up to 15 bytes past the span, into the arena's spare bytes, and write as many past
    /// `end`, which the next copy overwrites or the buffer's room past a line holds.
    @inline(__always)
    private static func copy(_ span: Span, from arena: UnsafePointer<UInt8>, to end: inout UnsafeMutablePointer<UInt8>)
    {
        copy(Int(span.length), from: UnsafeRawPointer(arena + Int(span.offset)), to: &end)
    }

    /// Copies `bytes` as `copy(_:from:to:)` a span: the 15 bytes past them must be readable.
    @inline(__always)
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to end: inout UnsafeMutablePointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        copy(bytes.count, from: UnsafeRawPointer(start), to: &end)
    }

    /// Copies `length` bytes from `start` as `copy(_:from:to:)` a span: the 15 bytes past them
    /// must be readable.
    @inline(__always)
    private static func copy(_ length: Int, from start: UnsafeRawPointer, to end: inout UnsafeMutablePointer<UInt8>) {
        var source = start
        var target = UnsafeMutableRawPointer(end)
        let stop = end + length
        repeat {
            target.storeBytes(of: source.loadUnaligned(as: (UInt64, UInt64).self), as: (UInt64, UInt64).self)
            source += overrun
            target += overrun
        } while target < UnsafeMutableRawPointer(stop)
        end = stop
    }

    /// 10⁰ to 10¹⁹ (a literal, which the compiler lays out in the binary: no lazy start).
    private static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    /// The decimal digits of `value` (1 for 0): its bits give the count within one (log₁₀ 2 ≈
    /// 1233 / 4096), a power of ten decides which. (`value | 1` is never past a power of ten
    /// that `value` is below, and makes 0 count as 1.)
    @inline(__always)
    private static func digits(_ value: UInt64) -> Int {
        let odd = value | 1
        let estimate = ((64 - odd.leadingZeroBitCount) &* 1233) >> 12
        return estimate &+ (odd >= powersOfTen[estimate] ? 1 : 0)
    }

    /// Writes `value` in decimal, two digits at a time from `pairs` ("00" to "99").
    @inline(__always)
    private static func integer(_ value: Int64, pairs: UnsafePointer<UInt8>, to end: inout UnsafeMutablePointer<UInt8>)
    {
        if value < 0 {
            end.pointee = UInt8(ascii: "-")
            end += 1
        }
        var magnitude = value.magnitude
        let start = end
        end += digits(magnitude)
        var cursor = end
        while magnitude >= 10 {
            let pair = Int(magnitude % 100) &* 2
            magnitude /= 100
            cursor -= 2
            cursor[0] = pairs[pair]
            cursor[1] = pairs[pair + 1]
        }
        if cursor > start {
            cursor -= 1
            cursor.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
    }
}
