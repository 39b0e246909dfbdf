import SanziEngine

/// The value (fen) of every listing, or of every contract, by id (counted from 1 with no
/// gaps), for the leads that name them.
///
/// Nearly every deal is worth less than 2³² fen (42.9 million yuan): such a value takes 4
/// bytes, and the others wait in a table. At 8 bytes each, the values of 12,000 villages'
/// 2.3 million deals over ten years took 18 MB, growing with the horizon as only the cases'
/// records did as much (`CaseRecords`).
struct ValuesByID: Sendable {
    /// Each value that fits below `UInt32.max`; `UInt32.max` where it is in `large`.
    private var small = ChunkedArray<UInt32>()
    /// The values that do not fit, by position.
    private var large: [Int: Int64] = [:]

    /// The values kept: the last id.
    var count: Int { small.count }

    /// Keeps `value` as the next id's.
    mutating func append(_ value: Int64) {
        if value >= 0 && value < Int64(UInt32.max) {
            small.append(UInt32(value))
        } else {
            large[small.count] = value
            small.append(.max)
        }
    }

    /// The value of `id`, if there is one.
    func value(of id: Int64) -> Int64? {
        guard id >= 1 && id <= count else { return nil }
        let position = Int(id) - 1
        let stored = small[position]
        return stored == .max ? large[position] : Int64(stored)
    }
}
