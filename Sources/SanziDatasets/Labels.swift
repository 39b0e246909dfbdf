import SanziEngine
import SanziScenario
import SanziTruth

/// The labels of a replication's rows: which case or look-alike touched an event, label noise
/// drawn per row from a hash (so it does not depend on the order rows are written or on the
/// number of jobs), and the two splits.
struct Labels {
    /// The cases that touched one event: the first misconduct case and the first look-alike,
    /// as positions in the truth's cases, or -1.
    struct Touch {
        var misconduct: Int32 = -1
        var lookAlike: Int32 = -1

        /// Notes case `index` of `kind`, unless one of its kind came first.
        mutating func note(_ index: Int, _ kind: Case.Kind) {
            if kind == .misconduct, misconduct < 0 { misconduct = Int32(index) }
            if kind == .lookAlike, lookAlike < 0 { lookAlike = Int32(index) }
        }

        /// The row's class for the data card's balance: 0 honest, 1 look-alike, 2 + the
        /// misconduct's typology number (`Typology.index`).
        func classIndex(_ labels: Labels) -> Int {
            misconduct >= 0 ? 2 + labels.cases.typology(at: Int(misconduct)).index : lookAlike >= 0 ? 1 : 0
        }
    }

    /// The names of the classes `Touch.classIndex` counts.
    static let classNames = ["honest", "look-alike"] + Typology.byIndex.map(\.rawValue)
    /// The sides of both splits, by position.
    static let sides = ["train", "valid", "test"]

    /// The words of the label columns, registered with the file they are written to.
    struct Words {
        let typologies: TableFile.Vocabulary
        let sides: TableFile.Vocabulary

        init(_ file: inout TableFile) {
            typologies = file.vocabulary(Typology.byIndex.map(\.rawValue))
            sides = file.vocabulary(Labels.sides)
        }
    }

    /// Which cases touched each event.
    private let index: CaseIndex
    /// The truth's entries (the run's own storage, not a copy).
    private let cases: CaseList
    let seed: UInt64
    let options: DatasetOptions
    let days: Int32

    init(truth: GroundTruth, seed: UInt64, options: DatasetOptions, days: Int) {
        index = CaseIndex(truth)
        cases = truth.cases
        self.seed = seed
        self.options = options
        self.days = Int32(days)
    }

    /// The cases that touched `event`.
    func touch(_ event: UInt64) -> Touch {
        var touch = Touch()
        index.forEachCase(touching: event) { touch.note($0, cases.kind(at: $0)) }
        return touch
    }

    /// Writes the label columns of the row for `event`, which `touch` touched, in a village on
    /// side `split` (a position in `sides`) of the village split, with label noise drawn from
    /// `noise`.
    func write(
        event: UInt64, touch: Touch, day: Int32, split: Int, noise: RandomStream, words: Words, to file: inout TableFile
    ) {
        let misconduct = touch.misconduct >= 0 ? Int(touch.misconduct) : nil
        let lookAlike = touch.lookAlike >= 0 ? Int(touch.lookAlike) : nil
        let draw = noise.unit(at: event)
        let observed = misconduct != nil ? draw >= options.missedLabels : draw < options.falseLabels
        file.bool(misconduct != nil)
        file.bool(observed)
        file.word(misconduct.map { cases.typology(at: $0).index } ?? -1, of: words.typologies)
        file.int(misconduct.map { Int64(cases.id(at: $0)) })
        file.bool(lookAlike != nil)
        file.word(lookAlike.map { cases.typology(at: $0).index } ?? -1, of: words.typologies)
        let discovered = misconduct.map { cases.discoveredDay(at: $0) } ?? -1
        file.int(discovered >= 0 ? Int64(discovered) : nil)
        file.word(split, of: words.sides)
        file.word(day < days * 6 / 10 ? 0 : day < days * 8 / 10 ? 1 : 2, of: words.sides)
    }

    /// The village split, a position in `sides` for each village: the villages ordered by a
    /// draw keyed by their ids, the first 15% (rounded, at least one) to test, the next as many
    /// to valid, the rest to train; with fewer than three villages, all train. A village falls
    /// on the same side in every replication and every dataset of the scenario.
    static func villageSplits(_ villages: [String]) -> [Int] {
        let draws = villages.map { village in
            var stream = RandomStream(seed: 0).derived("village-split", village)
            return stream.uniform()
        }
        let held = villages.count < 3 ? 0 : max(1, Int((0.15 * Double(villages.count)).rounded()))
        var sides = [Int](repeating: 0, count: villages.count)
        for (rank, village) in villages.indices.sorted(by: { (draws[$0], $0) < (draws[$1], $1) }).enumerated() {
            sides[village] = rank < held ? 2 : rank < 2 * held ? 1 : 0
        }
        return sides
    }

    /// The stream of a table's label noise: each row draws from it by its event id.
    func noise(forTable table: Int) -> RandomStream { RandomStream(seed: seed).derived("label-noise", table) }
}
