import SanziEvents

/// For each event type, which rules read it, in the rules' order.
///
/// One flat array of rule indices and each type's range in it: reading an event's readers
/// copies no array. An array of arrays (one per type) retained and released the type's array
/// for every event the engine read, some 4% of a whole run's time at 12,000 villages
/// (`docs/performance.md`).
struct RuleReaders {
    /// The rules' indices, grouped by the event type they read.
    private var ruleIndices: [Int] = []
    /// Where each type's readers are in `ruleIndices`, by the type's raw value.
    private var ranges: [Range<Int>]
    /// What `Declarations` must keep for these readers.
    private(set) var kept: Declarations.Kept = []

    /// The readers of each type among `rules`, of those for which `included` holds.
    init(_ rules: [any AlertRule], including included: (any AlertRule.Type) -> Bool = { _ in true }) {
        ranges = []
        for type in EventType.allCases {
            let start = ruleIndices.count
            for (index, rule) in rules.enumerated()
            where Swift.type(of: rule).reads.contains(type) && included(Swift.type(of: rule)) {
                ruleIndices.append(index)
                kept.formUnion(Swift.type(of: rule).kept)
            }
            ranges.append(start..<ruleIndices.count)
        }
    }

    /// No readers for any type.
    static var none: RuleReaders { RuleReaders([]) }

    /// The places of `type`'s readers, for `rule(at:)`.
    func places(of type: EventType) -> Range<Int> { ranges[Int(type.rawValue)] }

    /// The index, among the rules, of the reader at `place`.
    func rule(at place: Int) -> Int { ruleIndices[place] }

    /// Whether any rule reads `type`.
    func anyReads(_ type: EventType) -> Bool { !places(of: type).isEmpty }
}
