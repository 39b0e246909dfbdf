import SanziEvents

/// An event as a rule remembers it, its day and its id, in 8 bytes where the pair took 16 (C07
/// and C08 keep some 400,000 at 12,000 villages).
///
/// The day takes 22 bits: a log's dates are YYYY-MM-DD, so its days span less than 10,000
/// years (3.7 million days, under 2^22 = 4.2 million). The id takes 42: ids count the log's
/// lines from 1 without gaps, and 2^42 lines would be some 400 TB of log, where the
/// vocabulary's largest world, a million villages for a century, logs some 4 × 10^10.
struct DayAndID: Sendable, Equatable {
    private let bits: UInt64

    init(day: Int32, id: UInt64) {
        precondition(day >= 0 && day < 1 << 22 && id < 1 << 42, "day \(day) or event \(id) beyond any log's")
        bits = id << 22 | UInt64(day)
    }

    /// The day and id of `event`.
    init(_ event: LoggedEvent) { self.init(day: event.day, id: event.id) }

    var day: Int32 { Int32(truncatingIfNeeded: bits & (1 << 22 - 1)) }
    var id: UInt64 { bits >> 22 }
}
