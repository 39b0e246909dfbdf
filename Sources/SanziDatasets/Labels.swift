import SanziTruth

/// The labels of a replication's rows: which case or look-alike touched an event, label noise
/// drawn per row from a hash (so it does not depend on the order rows are written or on the
/// number of jobs), and the two splits.
struct Labels {
    let truth: GroundTruth
    let byEvent: [UInt64: [Int]]
    let seed: UInt64
    let options: DatasetOptions
    let days: Int32

    init(truth: GroundTruth, seed: UInt64, options: DatasetOptions, days: Int) {
        self.truth = truth
        byEvent = truth.caseIndices
        self.seed = seed
        self.options = options
        self.days = Int32(days)
    }

    static let sides = ["train", "valid", "test"].map { Array($0.utf8) }

    /// Writes the label columns of the row for `event` in village `village` (an index into
    /// `splits`, the villages' sides); `table` salts the noise.
    func write(event: UInt64, day: Int32, split: [UInt8], table: UInt64, to file: inout TableFile) {
        var misconduct: Case?
        var lookAlike: Case?
        for index in byEvent[event] ?? [] {
            let entry = truth.cases[index]
            if entry.kind == .misconduct {
                misconduct = misconduct ?? entry
            } else {
                lookAlike = lookAlike ?? entry
            }
        }
        let draw = Self.unit(Self.mix(seed ^ Self.mix(table ^ Self.mix(event))))
        let observed = misconduct != nil ? draw >= options.missedLabels : draw < options.falseLabels
        file.bool(misconduct != nil)
        file.bool(observed)
        file.string(misconduct?.typology.rawValue ?? "")
        file.int(misconduct.map { Int64($0.id) })
        file.bool(lookAlike != nil)
        file.string(lookAlike?.typology.rawValue ?? "")
        file.int(misconduct.flatMap { $0.discoveredDay >= 0 ? Int64($0.discoveredDay) : nil })
        file.plain(split)
        file.plain(Self.sides[day < days * 6 / 10 ? 0 : day < days * 8 / 10 ? 1 : 2])
    }

    /// The village split: 70% train, 15% valid, 15% test by a hash of the village id, so a
    /// village falls on the same side in every replication and every run.
    static func villageSplit(_ village: String) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in village.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let draw = unit(mix(hash))
        return sides[draw < 0.7 ? 0 : draw < 0.85 ? 1 : 2]
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    static func unit(_ bits: UInt64) -> Double { Double(bits >> 11) / Double(1 << 53) }
}
