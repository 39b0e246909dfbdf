/// Gives the records of several shards' logs the ids of one log, as they are merged: each thing
/// the run numbers (`EventSchema.Reference`) gets, the first time the merged log names it, the next
/// id of its kind; what a shard names again gets the id it got then. A thing every shard holds a
/// replica of (a firm of a shared pool, its owner, an official of the city) is named by its
/// shared key in each, so that all of them become one id. Places in the scenario move from the
/// shard's positions to the whole scenario's.
///
/// The ids a shard uses are dense from 0 or 1, so each shard's maps are arrays, of 4 bytes an
/// id (at 12,000 villages over a year, 8 bytes an id took 28 MB): a merged id from 2³² − 1 on,
/// which would take a run of billions of events, waits in a table instead.
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

        /// Whether a warning may name one (`AlertSubject`): only these are followed back to
        /// their shard (`shardID(of:_:inShard:)`).
        public var namesWarnings: Bool { self == .listing || self == .contract || self == .bidder }

        /// The log numbers assets and persons from 0, the rest from 1.
        public var firstID: Int64 { self == .asset || self == .person ? 0 : 1 }
    }

    private let offsets: [Offsets]
    /// The merged id of each shard's id, one up (0: none given yet; `UInt32.max`: in `large`),
    /// at `kind * shards + shard`.
    private var local: [[UInt32]]
    /// The merged ids, one up, from `compactBelow` on, by slot and place.
    private var large: [Int: Int64] = [:]
    /// The merged ids, one up, that `local` holds itself: those below `UInt32.max` (lower in
    /// tests, so that `large` is used).
    private let compactBelow: Int64
    /// The merged id of each shared key, one up, by kind.
    private var shared: [[Int64]]
    /// The shared key of a shard's id, one up (0: not shared), at `kind * shards + shard`, for
    /// the replicas of shared things: the shared pools' firms and owners and the city's posts'
    /// holders, some thousands where 2³² would need a memory budget of terabytes.
    private var sharedKeys: [[UInt32]]
    /// How many ids each kind has given.
    private var given: [Int64]
    /// What each merged id was, by kind (from 0, in order given), for the kinds warnings name:
    /// a shard's own thing as its place in its shard's map (the shard whose map gives that
    /// place this id), a shared key as `-1 - key`; `Int32.max` where it is in `largeOrigins`.
    /// Four bytes a listing, contract and bidder, where a shard's index beside the place took
    /// eight (12,000 villages over five years peak 5–6 MB lower).
    private var origins: [[Int32]]
    /// The origins that do not fit, at `kind << 40 | index`.
    private var largeOrigins: [Int: Int64] = [:]
    /// Each shard's replica of each shared key, at `kind * shards + shard`.
    private var replicas: [[Int64: Int64]]

    /// Renumbering for shards at `offsets`.
    public init(offsets: [Offsets]) { self.init(offsets: offsets, compactBelow: Int64(UInt32.max)) }

    init(offsets: [Offsets], compactBelow: Int64) {
        (self.offsets, self.compactBelow) = (offsets, min(compactBelow, Int64(UInt32.max)))
        let slots = Kind.allCases.count * offsets.count
        local = Array(repeating: [], count: slots)
        shared = Array(repeating: [], count: Kind.allCases.count)
        sharedKeys = Array(repeating: [], count: slots)
        replicas = Array(repeating: [:], count: slots)
        given = Array(repeating: 0, count: Kind.allCases.count)
        origins = Array(repeating: [], count: Kind.allCases.count)
    }

    /// Where a shard's maps of `kind` are.
    @inline(__always)
    private func slot(_ kind: Kind, _ shard: Int) -> Int { kind.rawValue * offsets.count + shard }

    /// Notes that the shard's `id` of `kind` is its replica of the shared thing `key` (from 0).
    public mutating func share(_ id: Int64, _ kind: Kind, inShard shard: Int, key: Int64) {
        let (slot, index) = (slot(kind, shard), Int(id - kind.firstID))
        Self.grow(&sharedKeys[slot], toHold: index)
        sharedKeys[slot][index] = UInt32(truncatingIfNeeded: key + 1)
        replicas[slot][key] = id
    }

    /// The merged id of `id`, a `kind` the shard numbered; given now if this is its first mention.
    @inline(__always)
    public mutating func id(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64 {
        let (slot, place) = (slot(kind, shard), Int(id - kind.firstID))
        // Most mentions are of what was numbered before: read, change nothing.
        if let number = numbered(place, slot) { return number - 1 + kind.firstID }
        return number(kind, slot: slot, place: place)
    }

    /// The merged id, one up, the map at `slot` gives `place`; nil when it gives none.
    @inline(__always)
    private func numbered(_ place: Int, _ slot: Int) -> Int64? {
        guard place >= 0, place < local[slot].count, local[slot][place] > 0 else { return nil }
        let stored = local[slot][place]
        // A stored `UInt32.max` always has its number in `large`.
        return stored < .max ? Int64(stored) : large[slot << 40 | place]
    }

    /// Gives the thing at `place` in the map at `slot` its merged id: its shared key's, or the
    /// kind's next.
    private mutating func number(_ kind: Kind, slot: Int, place: Int) -> Int64 {
        let k = kind.rawValue
        var number: Int64
        if place < sharedKeys[slot].count, sharedKeys[slot][place] > 0 {
            let key = Int(sharedKeys[slot][place] - 1)
            Self.grow(&shared[k], toHold: key)
            if shared[k][key] == 0 {
                given[k] += 1
                shared[k][key] = given[k]
                if kind.namesWarnings { noteOrigin(-1 - Int64(key), k, number: given[k]) }
            }
            number = shared[k][key]
        } else {
            given[k] += 1
            number = given[k]
            if kind.namesWarnings { noteOrigin(Int64(place), k, number: number) }
        }
        Self.grow(&local[slot], toHold: place)
        if number < compactBelow {
            local[slot][place] = UInt32(number)
        } else {
            local[slot][place] = .max
            large[slot << 40 | place] = number
        }
        return number - 1 + kind.firstID
    }

    /// Notes where the merged `number` of kind `k` came from.
    private mutating func noteOrigin(_ origin: Int64, _ k: Int, number: Int64) {
        if number < compactBelow, let stored = Int32(exactly: origin), stored < .max {
            origins[k].append(stored)
        } else {
            largeOrigins[k << 40 | origins[k].count] = origin
            origins[k].append(.max)
        }
    }

    /// Makes room in `map` for `index`.
    private static func grow<Stored: FixedWidthInteger>(_ map: inout [Stored], toHold index: Int) {
        if index >= map.count { map.append(contentsOf: repeatElement(0, count: index - map.count + 1)) }
    }

    /// The shard's own id for the merged `id` of `kind`, if the shard holds the thing (its
    /// own, or its replica of a shared one); nil for a thing of another shard or never named.
    public func shardID(of id: Int64, _ kind: Kind, inShard shard: Int) -> Int64? {
        let (k, index) = (kind.rawValue, Int(id - kind.firstID))
        guard kind.namesWarnings, index >= 0, index < origins[k].count else { return nil }
        let stored = origins[k][index]
        guard let origin = stored < .max ? Int64(stored) : largeOrigins[k << 40 | index] else { return nil }
        let slot = slot(kind, shard)
        if origin < 0 { return replicas[slot][-1 - origin] }
        // The shard's own thing when its map gives that place this id; another shard's if not.
        return numbered(Int(origin), slot) == Int64(index) + 1 ? origin + kind.firstID : nil
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

extension IDRenumbering {
    /// Whether the shard's `id` of `kind` is its replica of a shared thing.
    public func isReplica(_ id: Int64, _ kind: Kind, inShard shard: Int) -> Bool {
        let (slot, place) = (slot(kind, shard), Int(id - kind.firstID))
        return place < sharedKeys[slot].count && sharedKeys[slot][place] > 0
    }
}
