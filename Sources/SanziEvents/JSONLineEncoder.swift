import SanziOutput

/// Formats logged events as JSON lines into a raw byte buffer. Every name is encoded once
/// into an arena of bytes and copied from there; numbers are formatted in place. Writing an
/// event allocates nothing and touches no reference count.
struct JSONLineEncoder {
    static let flushSize = 1 << 20
    /// Longest line an event can make, with room to spare.
    static let lineLimit = 4096

    /// A run of bytes in the arena.
    struct Span {
        var offset: Int32
        var length: Int32
    }

    /// How one field is written.
    struct FieldFormat {
        enum Source: UInt8 { case subject, other, party, amount, amount2, count, count2, code, countName, count2Name }
        var key: Span
        var source: Source
        /// Where this field's value names start in `names`.
        var firstName: Int32
        var nameCount: Int32
    }

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var arena: [UInt8] = []
    private var villageIDs: [Span] = []
    private var typeNames: [Span] = []
    private var fields: [FieldFormat] = []
    /// For each event type, its fields' range in `fields`.
    private var fieldRanges: [Range<Int>] = []
    private var names: [Span] = []
    private var dates: [Span] = []
    private let dateOfDay: (Int32) -> String
    private var idKey = Span(offset: 0, length: 0), dayKey = Span(offset: 0, length: 0)
    private var dateKey = Span(offset: 0, length: 0), typeKey = Span(offset: 0, length: 0)
    private var villageKey = Span(offset: 0, length: 0), null = Span(offset: 0, length: 0)
    private var unknown = Span(offset: 0, length: 0), lineEnd = Span(offset: 0, length: 0)

    init(villageIDs ids: [String], dateOfDay: @escaping (Int32) -> String) {
        bytes = .allocate(capacity: Self.flushSize + Self.lineLimit)
        self.dateOfDay = dateOfDay
        idKey = store("{\"id\":")
        dayKey = store(",\"day\":")
        dateKey = store(",\"date\":")
        typeKey = store(",\"type\":")
        villageKey = store(",\"village\":")
        null = store("null")
        unknown = store("\"unknown\"")
        lineEnd = store("}\n")
        villageIDs = ids.map { store(Escaping.jsonLiteral($0)) }
        typeNames = EventType.allCases.map { store("\"\($0.name)\"") }
        for type in EventType.allCases {
            let start = fields.count
            for field in EventSchema.fields(of: type) { fields.append(format(field)) }
            fieldRanges.append(start..<fields.count)
        }
    }

    /// Frees the buffer; the encoder must not be used afterwards.
    func deallocate() { bytes.deallocate() }

    mutating func reset() { count = 0 }

    private mutating func store(_ text: String) -> Span {
        let span = Span(offset: Int32(arena.count), length: Int32(text.utf8.count))
        arena.append(contentsOf: text.utf8)
        return span
    }

    private mutating func format(_ field: EventSchema.Field) -> FieldFormat {
        let key = store(",\"\(field.name)\":")
        let first = Int32(names.count)
        func named(_ source: FieldFormat.Source, _ values: [String]) -> FieldFormat {
            for value in values { names.append(store("\"\(value)\"")) }
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

    private mutating func dateSpan(_ day: Int32) -> Span {
        let index = Int(max(day, 0))
        while dates.count <= index { dates.append(store("\"\(dateOfDay(Int32(dates.count)))\"")) }
        return dates[index]
    }

    /// Appends one event as a line. The caller flushes once `count` passes `flushSize`.
    mutating func encode(_ event: LoggedEvent) {
        let record = event.record
        let date = dateSpan(event.day)
        let type = Int(record.type.rawValue)
        var end = bytes + count
        arena.withUnsafeBufferPointer { arenaBuffer in
            let arena = arenaBuffer.baseAddress!
            Self.copy(idKey, from: arena, to: &end)
            Self.integer(Int64(event.id), to: &end)
            Self.copy(dayKey, from: arena, to: &end)
            Self.integer(Int64(event.day), to: &end)
            Self.copy(dateKey, from: arena, to: &end)
            Self.copy(date, from: arena, to: &end)
            Self.copy(typeKey, from: arena, to: &end)
            Self.copy(typeNames[type], from: arena, to: &end)
            Self.copy(villageKey, from: arena, to: &end)
            Self.copy(record.village >= 0 ? villageIDs[Int(record.village)] : null, from: arena, to: &end)
            for index in fieldRanges[type] {
                let format = fields[index]
                Self.copy(format.key, from: arena, to: &end)
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
                Self.integer(number, to: &end)
            }
            Self.copy(lineEnd, from: arena, to: &end)
        }
        count = end - bytes
    }

    private func name(_ format: FieldFormat, _ index: Int) -> Span {
        index >= 0 && index < Int(format.nameCount) ? names[Int(format.firstName) + index] : unknown
    }

    @inline(__always)
    private static func copy(_ span: Span, from arena: UnsafePointer<UInt8>, to end: inout UnsafeMutablePointer<UInt8>)
    {
        end.update(from: arena + Int(span.offset), count: Int(span.length))
        end += Int(span.length)
    }

    @inline(__always)
    private static func integer(_ value: Int64, to end: inout UnsafeMutablePointer<UInt8>) {
        if value < 0 {
            end.pointee = UInt8(ascii: "-")
            end += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, magnitude >= scale {
            digits += 1
            scale = scale &* 10
        }
        var cursor = end + digits
        end = cursor
        repeat {
            cursor -= 1
            cursor.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }
}
