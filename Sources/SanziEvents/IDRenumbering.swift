/// Gives the records of several shards' logs the ids of one log, as they are merged. Each shard
/// numbers each kind of thing (`EventSchema.Reference`) densely, in its own order; when the
/// merged log first names a thing past those of its kind the shard has had numbered, every one
/// of the shard's ids up to it is numbered, in the shard's order, with the kind's next merged
/// ids. So what a shard introduces in order (listings, contracts, loans, leads, investigations)
/// is numbered in the order the merged log introduces it, and each kind's merged ids are dense.
/// A thing every shard holds a replica of (a firm of a shared pool, its owner, an official of
/// the city) is named by its shared key in each, so that all of them become one id, given when
/// the first replica is named. Places in the scenario move from the shard's positions to the
/// whole scenario's.
///
/// A shard's ids are kept as runs (from a place on, merged ids from a number on), one for each
/// stretch numbered together: a few thousand a shard over years, where a map of every id took 4
/// bytes an id (35 MB at 12,000 villages over five years) and a cache miss at each mention.
public struct IDRenumbering: Sendable {
    /// Where a shard's scenario sits in the whole one.
    public struct Offsets: Sendable, Hashable {
        public var village: Int32
        public var town: Int64
        public var district: Int64

        public init(village: Int32, town: Int64, district: Int64) {
            (self.village, self.town, self.district) = (village, town, district)
        }
    }

    /// The kinds of thing the run numbers, and the first id of each.
    public enum Kind: Int, CaseIterable, Sendable {
        case asset, listing, bidder, person, contract, loan, grievance, lead, investigation

        init?(_ reference: EventSchema.Reference) {
            switch reference {
            case .asset: self = .asset
            case .listing: self = .listing
            case .bidder: self = .bidder
            case .person: self = .person
            case .contract: self = .contract
            case .loan: self = .loan
            case .grievance: self = .grievance
            case .lead: self = .lead
            case .investigation: self = .investigation
            default: return nil
            }
        }

        /// The log numbers assets and persons from 0, the rest from 1.
        public var firstID: Int64 { self == .asset || self == .person ? 0 : 1 }
    }

    /// Shard places from `place` on (up to the next run's) numbered from merged index `merged`
    /// on; for a replica of a shared thing, a run of one whose `merged` is `-1 - key`.
    struct Run: Sendable {
        var place: Int64
        var merged: Int64
    }

    /// Merged indices from `merged` on (up to the next origin's) numbering places of `shard`
    /// from `place` on; for a shared thing, a single index whose `shard` is -1 and `place` its
    /// key.
    struct Origin: Sendable {
        var merged: Int64
        var shard: Int32
        var place: Int64
    }

    private let offsets: [Offsets]
    /// Each shard's runs, in order of place, at `kind * shards + shard`.
    private var runs: [[Run]]
    /// How many of each shard's places are numbered (in runs), at `kind * shards + shard`.
    private var covered: [Int64]
    /// The merged index of each shared key, one up (0: not given yet), by kind.
    private var shared: [[Int64]]
    /// The shared key of a shard's place, one up (0: not shared), at `kind * shards + shard`,
    /// read once a place, when it is numbered.
    private var sharedKeys: [[UInt32]]
    /// Each shard's replica of each shared key, at `kind * shards + shard`.
    private var replicas: [[Int64: Int64]]
    /// How many merged ids each kind has given.
    private var given: [Int64]
    /// Where each kind's merged ids came from, in order of merged index.
    private var origins: [[Origin]]

    /// Renumbering for shards at `offsets`.
    public init(offsets: [Offsets]) {
        self.offsets = offsets
        let slots = Kind.allCases.count * offsets.count
        runs = Array(repeating: [], count: slots)
        covered = Array(repeating: 0, count: slots)
        sharedKeys = Array(repeating: [], count: slots)
        replicas = Array(repeating: [:], count: slots)
        shared = Array(repeating: [], count: Kind.allCases.count)
        given = Array(repeating: 0, count: Kind.allCases.count)
        origins = Array(repeating: [], count: Kind.allCases.count)
    }

    /// Where a shard's runs of `kind` are.
    @inline(__always)
    private func slot(_ kind: Kind, _ shard: Int) -> Int { kind.rawValue * offsets.count + shard }

    /// Notes that the shard's `id` of `kind` is its replica of the shared thing `key` (from 0).
    /// A replica is noted before the merged log names it or any later id of its shard: an id
    /// numbered already keeps its own number.
    public mutating func share(_ id: Int64, _ kind: Kind, inShard shard: Int, key: Int64) {
        let (slot, place) = (slot(kind, shard), Int(id - kind.firstID))
        if place >= sharedKeys[slot].count {
            sharedKeys[slot].append(contentsOf: repeatElement(0, count: place - sharedKeys[slot].count + 1))
        }
        sharedKeys[slot][place] = UInt32(truncatingIfNeeded: key + 1)
        replicas[slot][key] = id
    }

    /// Whether the shard's `id` of `kind` is its replica of a shared thing.
    public func isReplica(_ id: Int64, _ kind: Kind, inShard shard: Int) -> Bool {
        sharedKey(slot(kind, shard), id - kind.firstID) != nil
    }

    /// The shared key of `place` in the shard at `slot`, if it is a replica.
    private func sharedKey(_ slot: Int, _ place: Int64) -> Int64? {
        guard place >= 0, place < sharedKeys[slot].count, sharedKeys[slot][Int(place)] > 0 else { return nil }
        return Int64(sharedKeys[slot][Int(place)] - 1)
    }

    /// The merged id of `id`, a `kind` the shard numbered; the shard's ids up to it are
    /// numbered now if this is the first mention of it or a later one.
    @inline(__always)
    public mutating func id(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64 {
        let (slot, place) = (slot(kind, shard), id - kind.firstID)
        guard place >= 0 else { return id }
        if place >= covered[slot] { cover(slot, kind, shard, through: place) }
        let run = runs[slot][Self.run(holding: place, in: runs[slot])]
        guard run.merged >= 0 else { return sharedIndex(kind, key: -1 - run.merged) + kind.firstID }
        return run.merged + (place - run.place) + kind.firstID
    }

    /// The index of the last run in `runs` (in order of place, the first at 0) starting at or
    /// before `place`.
    @inline(__always)
    private static func run(holding place: Int64, in runs: [Run]) -> Int {
        var (low, high) = (0, runs.count - 1)
        if runs[high].place <= place { return high }  // the newest run: most mentions
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].place <= place { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Numbers the shard's places from the first not numbered through `place`, in order: each
    /// stretch between replicas with the kind's next merged ids, each replica as its key.
    private mutating func cover(_ slot: Int, _ kind: Kind, _ shard: Int, through place: Int64) {
        let k = kind.rawValue
        var next = covered[slot]
        while next <= place {
            if let key = sharedKey(slot, next) {
                runs[slot].append(Run(place: next, merged: -1 - key))
                next += 1
                continue
            }
            // A stretch that goes on from the shard's last one in both numberings stays in its
            // run (a shard's new listings of a day are one run), and in its origin.
            let (merged, owner) = (given[k], Int32(shard))
            if runs[slot].last.map({ $0.merged < 0 || $0.merged + (next - $0.place) != merged }) ?? true {
                runs[slot].append(Run(place: next, merged: merged))
            }
            if origins[k].last.map({ $0.shard != owner || $0.place + (merged - $0.merged) != next }) ?? true {
                origins[k].append(Origin(merged: merged, shard: owner, place: next))
            }
            let start = next
            while next <= place, sharedKey(slot, next) == nil { next += 1 }
            given[k] += next - start
        }
        covered[slot] = next
    }

    /// The merged index of the shared `key` of `kind`, given now if no replica was named before.
    private mutating func sharedIndex(_ kind: Kind, key: Int64) -> Int64 {
        let (k, key) = (kind.rawValue, Int(key))
        if key >= shared[k].count { shared[k].append(contentsOf: repeatElement(0, count: key - shared[k].count + 1)) }
        if shared[k][key] == 0 {
            origins[k].append(Origin(merged: given[k], shard: -1, place: Int64(key)))
            given[k] += 1
            shared[k][key] = given[k]
        }
        return shared[k][key] - 1
    }

    /// The shard's own id for the merged `id` of `kind`, if the shard holds the thing (its
    /// own, or its replica of a shared one); nil for a thing of another shard or not numbered.
    public func shardID(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64? {
        let (k, index) = (kind.rawValue, id - kind.firstID)
        guard index >= 0, index < given[k] else { return nil }
        var (low, high) = (0, origins[k].count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if origins[k][middle].merged <= index { low = middle } else { high = middle - 1 }
        }
        let origin = origins[k][low]
        if origin.shard < 0 { return replicas[slot(kind, shard)][origin.place] }
        return Int(origin.shard) == shard ? origin.place + (index - origin.merged) + kind.firstID : nil
    }

    /// A field that names something: where it is, what it names, and for a body's area where
    /// its level is.
    private struct Naming: Sendable {
        var slot: EventSchema.Slot
        var reference: EventSchema.Reference
        var level: EventSchema.Slot?
    }

    /// The naming fields of each event type, by raw value.
    private static let namings: [[Naming]] = EventType.allCases.map { type in
        let fields = EventSchema.fields(of: type)
        let level = fields.first { $0.name == "level" }?.slot
        return fields.compactMap { field in field.refersTo.map { Naming(slot: field.slot, reference: $0, level: level) }
        }
    }

    /// The record as the merged log holds it: its village and every field that names something.
    public mutating func renumber(_ record: inout LogRecord, fromShard shard: Int) {
        let offsets = offsets[shard]
        if record.village >= 0 { record.village += offsets.village }
        for naming in Self.namings[Int(record.type.rawValue)] {
            let value = record[naming.slot]
            guard value >= 0 else { continue }
            let renamed: Int64
            switch naming.reference {
            case .district: renamed = value + offsets.district
            case .town: renamed = value + offsets.town
            case .leadTarget:
                let about = LogRecord.LeadAbout(rawValue: UInt8(truncatingIfNeeded: record.count2))
                guard let kind = about.flatMap(Kind.init(target:)) else { continue }
                renamed = id(of: value, kind, inShard: shard)
            case .bodyArea:
                let isTown = naming.level.map { record[$0] } == Int64(LogRecord.Level.township.rawValue)
                renamed = value + (isTown ? offsets.town : offsets.district)
            default:
                guard let kind = Kind(naming.reference) else { continue }
                renamed = id(of: value, kind, inShard: shard)
            }
            record[naming.slot] = renamed
        }
    }
}

extension IDRenumbering.Kind {
    /// What a lead's `about` names; nil for the village as a whole.
    init?(target about: LogRecord.LeadAbout) {
        switch about {
        case .listing: self = .listing
        case .contract: self = .contract
        case .bidder: self = .bidder
        case .person: self = .person
        case .village: return nil
        }
    }
}
