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
/// bytes an id and a cache miss at each mention.
public struct IDRenumbering: Sendable {
    /// Where a shard's scenario sits in the whole one.
    public struct Offsets: Sendable, Hashable, Codable {
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

    /// `count` places of a shard from `place` on, numbered from merged index `merged` on.
    struct Run: Sendable {
        var place: Int64
        var merged: Int64
        var count: Int64
    }

    private let offsets: [Offsets]
    /// Each shard's runs, in order of place (and of merged index), at `kind * shards + shard`.
    private var runs: [[Run]]
    /// How many of each shard's places are numbered (in runs, or replicas), at
    /// `kind * shards + shard`.
    private var covered: [Int64]
    /// Each shard's replicas, at `kind * shards + shard`: some thousands in all.
    private var replicas: [Replicas]
    /// The merged index of each shared key, by kind.
    private var shared: [[Int64: Int64]]
    /// The shared key of each merged index given to one, by kind.
    private var sharedKeys: [[Int64: Int64]]
    /// How many merged ids each kind has given.
    private var given: [Int64]

    /// Renumbering for shards at `offsets`.
    public init(offsets: [Offsets]) {
        self.offsets = offsets
        let slots = Kind.allCases.count * offsets.count
        runs = Array(repeating: [], count: slots)
        covered = Array(repeating: 0, count: slots)
        replicas = Array(repeating: Replicas(), count: slots)
        shared = Array(repeating: [:], count: Kind.allCases.count)
        sharedKeys = Array(repeating: [:], count: Kind.allCases.count)
        given = Array(repeating: 0, count: Kind.allCases.count)
    }

    /// Where a shard's runs of `kind` are.
    @inline(__always)
    private func slot(_ kind: Kind, _ shard: Int) -> Int { kind.rawValue * offsets.count + shard }

    /// Notes that the shard's `id` of `kind` is its replica of the shared thing `key` (from 0).
    /// A replica is noted before the merged log names it or any later id of its shard: an id
    /// numbered already keeps its own number, and is no replica.
    public mutating func share(_ id: Int64, _ kind: Kind, inShard shard: Int, key: Int64) {
        let (slot, place) = (slot(kind, shard), id - kind.firstID)
        guard place >= covered[slot] else { return }
        replicas[slot].note(place, key: key)
    }

    /// Whether the shard's `id` of `kind` is its replica of a shared thing.
    public func isReplica(_ id: Int64, _ kind: Kind, inShard shard: Int) -> Bool {
        replicas[slot(kind, shard)].key(of: id - kind.firstID) != nil
    }

    /// The merged id of `id`, a `kind` the shard numbered; when no mention reached it before,
    /// the shard's ids of the kind up to it are numbered first.
    @inline(__always)
    public mutating func id(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64 {
        let (slot, place) = (slot(kind, shard), id - kind.firstID)
        guard place >= 0 else { return id }
        if place >= covered[slot] { cover(slot, kind, through: place) }
        if let key = replicas[slot].key(of: place) { return sharedIndex(kind, key: key) + kind.firstID }
        let run = runs[slot][Self.run(in: runs[slot]) { $0.place <= place }]
        return run.merged + (place - run.place) + kind.firstID
    }

    /// The index of the last run in `runs` for which `isAtOrBefore` holds (it holds for the
    /// first, and for a run only if for every one before it).
    @inline(__always)
    private static func run(in runs: [Run], _ isAtOrBefore: (Run) -> Bool) -> Int {
        var (low, high) = (0, runs.count - 1)
        if isAtOrBefore(runs[high]) { return high }  // the newest run: most mentions
        while low < high {
            let middle = (low + high + 1) / 2
            if isAtOrBefore(runs[middle]) { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Numbers the shard's places from the first not numbered through `place`, in order, each
    /// stretch between replicas with the kind's next merged ids.
    private mutating func cover(_ slot: Int, _ kind: Kind, through place: Int64) {
        let k = kind.rawValue
        var next = covered[slot]
        let places = replicas[slot].places
        var replica = replicas[slot].index(atOrAfter: next)
        while next <= place {
            if replica < places.count, places[replica] == next {
                (next, replica) = (next + 1, replica + 1)
                continue
            }
            let end = min(place + 1, replica < places.count ? places[replica] : .max)
            // A stretch that goes on from the shard's last in both numberings stays in its run
            // (a shard's new listings of a day are one run).
            if let last = runs[slot].last, last.place + last.count == next, last.merged + last.count == given[k] {
                runs[slot][runs[slot].count - 1].count += end - next
            } else {
                runs[slot].append(Run(place: next, merged: given[k], count: end - next))
            }
            given[k] += end - next
            next = end
        }
        covered[slot] = next
    }

    /// The merged index of the shared `key` of `kind`, given now if no replica was named before.
    private mutating func sharedIndex(_ kind: Kind, key: Int64) -> Int64 {
        let k = kind.rawValue
        if let index = shared[k][key] { return index }
        let index = given[k]
        (shared[k][key], sharedKeys[k][index]) = (index, key)
        given[k] += 1
        return index
    }

    /// The shard's own id for the merged `id` of `kind`, if the shard holds the thing (its
    /// own, or its replica of a shared one); nil for a thing of another shard or not numbered.
    public func shardID(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64? {
        let (k, index, slot) = (kind.rawValue, id - kind.firstID, slot(kind, shard))
        guard index >= 0, index < given[k] else { return nil }
        if let key = sharedKeys[k][index] { return replicas[slot].byKey[key].map { $0 + kind.firstID } }
        guard let first = runs[slot].first, first.merged <= index else { return nil }
        let run = runs[slot][Self.run(in: runs[slot]) { $0.merged <= index }]
        return index < run.merged + run.count ? run.place + (index - run.merged) + kind.firstID : nil
    }

    /// A field that names something: where its number is, what it names, and for a body's
    /// area where its level is. (Plain values: a schema slot carries the names a code is
    /// written as, and was copied at every field of every record merged.)
    private struct Naming: Sendable {
        var number: LogRecord.Number
        var reference: EventSchema.Reference
        var level: LogRecord.Number?
    }

    /// The naming fields of every event type, in order of type (an array of arrays was
    /// retained and released at every record merged); those of the type of raw value `t` at
    /// `namingStarts[t]..<namingStarts[t + 1]`.
    private static let (namings, namingStarts): ([Naming], [Int]) = EventType.allCases.reduce(into: ([], [0])) {
        table, type in
        let fields = EventSchema.fields(of: type)
        let level = fields.first { $0.name == "level" }?.slot.number
        for field in fields {
            guard let reference = field.refersTo else { continue }
            table.0.append(Naming(number: field.slot.number, reference: reference, level: level))
        }
        table.1.append(table.0.count)
    }

    /// The record as the merged log holds it: its village and every field that names something.
    public mutating func renumber(_ record: inout LogRecord, fromShard shard: Int) {
        let offsets = offsets[shard]
        if record.village >= 0 { record.village += offsets.village }
        let type = Int(record.type.rawValue)
        for index in Self.namingStarts[type]..<Self.namingStarts[type + 1] {
            let naming = Self.namings[index]
            let value = record[number: naming.number]
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
                let isTown = naming.level.map { record[number: $0] } == Int64(LogRecord.Level.township.rawValue)
                renamed = value + (isTown ? offsets.town : offsets.district)
            default:
                guard let kind = Kind(naming.reference) else { continue }
                renamed = id(of: value, kind, inShard: shard)
            }
            record[number: naming.number] = renamed
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

extension AlertSubject {
    /// The subject with its id renamed by `rename` (given the id and the kind of thing it
    /// names); nil when `rename` gives nil. The village as a whole stays itself.
    public func renamed(_ rename: (Int64, IDRenumbering.Kind) -> Int64?) -> AlertSubject? {
        switch self {
        case .village: .village
        case .listing(let id): rename(id, .listing).map { .listing($0) }
        case .contract(let id): rename(id, .contract).map { .contract($0) }
        case .bidder(let id): rename(id, .bidder).map { .bidder($0) }
        }
    }
}
