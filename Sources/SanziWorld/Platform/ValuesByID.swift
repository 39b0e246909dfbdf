import SanziEngine

/// The value (fen) of every listing, or of every contract, by id (counted from 1 with no
/// gaps), for the leads that name them.
///
/// Nearly every deal is worth less than 2³² fen (42.9 million yuan): such a value takes 4
/// bytes, and the others wait in a table. At 8 bytes each, the values of 12,000 villages'
/// 2.3 million deals over ten years took 18 MB, growing with the horizon as only the cases'
/// records did as much (`CaseRecords`).
///
/// Given a `ValueSpill` that sets values aside, all but the last one to two blocks wait in a
/// file, read back when a lead or a petition names an old deal (a year at 12,000 villages
/// makes 168,123 listings and 442,467 contracts, the leases running at the start among them;
/// over two years there, the run made 7,803 `pread` calls in all, its spools read back included).
struct ValuesByID: Sendable {
    /// The values from `setAside` on (all of them when none is set aside): each value that
    /// fits below `UInt32.max`; `UInt32.max` where it is in `large`.
    private var recent = ChunkedArray<UInt32>()
    /// The values before this position wait in `file`.
    private var setAside = 0
    private var file: ValueSpill.Store?
    /// The values that do not fit, by position.
    private var large: [Int: Int64] = [:]

    /// Values kept in memory.
    init() {}

    /// Values set aside by `spill`.
    init(settingAsideIn spill: ValueSpill) { file = spill.store() }

    /// The values kept: the last id.
    var count: Int { setAside + recent.count }

    /// The values kept in memory: fewer than two of the spill's blocks when it sets them aside.
    var inMemory: Int { recent.count }

    /// Keeps `value` as the next id's.
    mutating func append(_ value: Int64) {
        if value >= 0 && value < Int64(UInt32.max) {
            recent.append(UInt32(value))
        } else {
            large[count] = value
            recent.append(.max)
        }
        if let file, recent.count == 2 * file.blockSize { setBlockAside(in: file) }
    }

    /// Writes the oldest block of `recent` to `file` and keeps the other.
    private mutating func setBlockAside(in file: ValueSpill.Store) {
        file.append(recent[0..<file.blockSize])
        var kept = ChunkedArray<UInt32>()
        kept.append(contentsOf: recent[file.blockSize..<recent.count])
        recent = kept
        setAside += file.blockSize
    }

    /// The value of `id`, if there is one.
    func value(of id: Int64) -> Int64? {
        guard id >= 1 && id <= count else { return nil }
        let position = Int(id) - 1
        let stored = position >= setAside ? recent[position - setAside] : file?.value(at: position) ?? 0
        return stored == .max ? large[position] : Int64(stored)
    }
}
