/// One observable event, as a fixed-size value: the type says what each slot means (see
/// `EventSchema`). Records carry ids, never strings, so writing millions costs no allocation.
public struct LogRecord: Sendable, Hashable, BitwiseCopyable {
    public var type: EventType
    /// Index of the village in the scenario's village list.
    public var village: Int32
    /// A small per-type code (deal kind, method, purpose, reason…), named by the schema.
    public var code: UInt8
    public var subject: Int64
    public var other: Int64
    public var party: Int64
    /// Money in fen.
    public var amount: Int64
    /// Money in fen.
    public var amount2: Int64
    public var count: Int32
    public var count2: Int32

    public init(
        _ type: EventType, village: Int32, code: UInt8 = 0, subject: Int64 = -1, other: Int64 = -1,
        party: Int64 = -1, amount: Int64 = 0, amount2: Int64 = 0, count: Int32 = 0, count2: Int32 = 0
    ) {
        self.type = type
        self.village = village
        self.code = code
        self.subject = subject
        self.other = other
        self.party = party
        self.amount = amount
        self.amount2 = amount2
        self.count = count
        self.count2 = count2
    }

    /// The record's numbers, by field: where a schema slot's number is, without the names it
    /// may be written as (`EventSchema.Slot.number`).
    enum Number: BitwiseCopyable {
        case code, subject, other, party, amount, amount2, count, count2
    }

    /// The number in `number`.
    subscript(number number: Number) -> Int64 {
        get {
            switch number {
            case .subject: subject
            case .other: other
            case .party: party
            case .amount: amount
            case .amount2: amount2
            case .count: Int64(count)
            case .count2: Int64(count2)
            case .code: Int64(code)
            }
        }
        set {
            switch number {
            case .subject: subject = newValue
            case .other: other = newValue
            case .party: party = newValue
            case .amount: amount = newValue
            case .amount2: amount2 = newValue
            case .count: count = Int32(truncatingIfNeeded: newValue)
            case .count2: count2 = Int32(truncatingIfNeeded: newValue)
            case .code: code = UInt8(truncatingIfNeeded: newValue)
            }
        }
    }

    /// The number in `slot`; for a slot written as a name, the name's position.
    public subscript(slot: EventSchema.Slot) -> Int64 {
        get { self[number: slot.number] }
        set { self[number: slot.number] = newValue }
    }
}

/// A record placed in the log: its id (the position in the log, from 1) and its day.
public struct LoggedEvent: Sendable, Hashable, BitwiseCopyable {
    public var id: UInt64
    /// Days since the scenario's start.
    public var day: Int32
    public var record: LogRecord

    public init(id: UInt64, day: Int32, record: LogRecord) {
        self.id = id
        self.day = day
        self.record = record
    }
}
