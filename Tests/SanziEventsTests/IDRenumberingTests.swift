import Testing

@testable import SanziEvents

/// Two shards' ids become one log's, by hand: in each shard's order, as far as the first mention
/// reaches, a shared thing once; and a second implementation, a dictionary an id, agrees over
/// scrambled mentions.
@Suite("Renumbering shards' ids")
struct IDRenumberingTests {
    @Test func idsKeepEachShardsOrderAndSharedThingsBecomeOne() {
        let offsets = [
            IDRenumbering.Offsets(village: 0, town: 0, district: 0),
            IDRenumbering.Offsets(village: 5, town: 2, district: 1),
        ]
        var renumbering = IDRenumbering(offsets: offsets)
        renumbering.share(1, .bidder, inShard: 0, key: 0)
        renumbering.share(3, .bidder, inShard: 1, key: 0)
        // Listings from 1: shard 1's listing 1 is named first, then shard 0's 1 and 2.
        #expect(renumbering.id(of: 1, .listing, inShard: 1) == 1)
        #expect(renumbering.id(of: 1, .listing, inShard: 0) == 2)
        #expect(renumbering.id(of: 2, .listing, inShard: 0) == 3)
        #expect(renumbering.id(of: 1, .listing, inShard: 1) == 1, "named again")
        // Persons from 0: naming shard 1's person 7 numbers its 0 to 7.
        #expect(renumbering.id(of: 7, .person, inShard: 1) == 7)
        #expect(renumbering.id(of: 3, .person, inShard: 1) == 3)
        #expect(renumbering.id(of: 0, .person, inShard: 0) == 8)
        // Bidders from 1: shard 0's 1 is a replica, its 2 the kind's first; shard 1's 1 and 2
        // come next, its 3 is the replica, which takes the shared id whichever shard names it.
        #expect(renumbering.id(of: 2, .bidder, inShard: 0) == 1)
        #expect(renumbering.id(of: 3, .bidder, inShard: 1) == 4)
        #expect(renumbering.id(of: 1, .bidder, inShard: 1) == 2)
        #expect(renumbering.id(of: 1, .bidder, inShard: 0) == 4)
        #expect(renumbering.id(of: 4, .bidder, inShard: 1) == 5)
        renumbering.share(2, .bidder, inShard: 0, key: 0)
        #expect(renumbering.id(of: 2, .bidder, inShard: 0) == 1, "numbered before it was noted: no replica")
        #expect(renumbering.isReplica(1, .bidder, inShard: 0) && !renumbering.isReplica(2, .bidder, inShard: 0))
        #expect(!renumbering.isReplica(0, .bidder, inShard: 0), "no bidder 0: no place before the first")
        #expect(!renumbering.isReplica(1_000, .bidder, inShard: 0), "past every replica's word")
        // Back to each shard's own: its own things, and its replica of a shared one.
        #expect(renumbering.shardID(of: 1, .listing, inShard: 1) == 1)
        #expect(renumbering.shardID(of: 1, .listing, inShard: 0) == nil)
        #expect(renumbering.shardID(of: 1, .bidder, inShard: 0) == 2)
        #expect(renumbering.shardID(of: 3, .bidder, inShard: 1) == 2)
        #expect(renumbering.shardID(of: 4, .bidder, inShard: 0) == 1)
        #expect(renumbering.shardID(of: 4, .bidder, inShard: 1) == 3)
        #expect(renumbering.shardID(of: 5, .bidder, inShard: 1) == 4)
        #expect(renumbering.shardID(of: 6, .bidder, inShard: 1) == nil, "not numbered")
        #expect(renumbering.shardID(of: 9, .contract, inShard: 0) == nil, "never named")
    }

    /// The renumbering's rule, a dictionary an id: a mention past what a shard has numbered
    /// numbers each of its places up to it in turn, a replica as its key.
    struct Oracle {
        var numbered: [String: Int64] = [:]
        var covered: [String: Int64] = [:]
        var keys: [String: Int64] = [:]
        var shared: [String: Int64] = [:]
        var given: [IDRenumbering.Kind: Int64] = [:]
        var origins: [String: Origin] = [:]
        /// Each shard's replica of a shared key, the last noted.
        var replicas: [String: Int64] = [:]

        enum Origin {
            case own(shard: Int, place: Int64)
            case shared(key: Int64)
        }

        mutating func share(_ place: Int64, _ kind: IDRenumbering.Kind, _ shard: Int, key: Int64) {
            keys["\(kind) \(shard) \(place)"] = key
            replicas["\(kind) \(shard) \(key)"] = place
        }

        mutating func index(_ place: Int64, _ kind: IDRenumbering.Kind, _ shard: Int) -> Int64 {
            while covered["\(kind) \(shard)", default: 0] <= place {
                let next = covered["\(kind) \(shard)", default: 0]
                if keys["\(kind) \(shard) \(next)"] == nil {
                    numbered["\(kind) \(shard) \(next)"] = given[kind, default: 0]
                    origins["\(kind) \(given[kind, default: 0])"] = .own(shard: shard, place: next)
                    given[kind, default: 0] += 1
                }
                covered["\(kind) \(shard)"] = next + 1
            }
            if let key = keys["\(kind) \(shard) \(place)"] {
                if let index = shared["\(kind) \(key)"] { return index }
                shared["\(kind) \(key)"] = given[kind, default: 0]
                origins["\(kind) \(given[kind, default: 0])"] = .shared(key: key)
                given[kind, default: 0] += 1
                return given[kind, default: 0] - 1
            }
            return numbered["\(kind) \(shard) \(place)"] ?? -1
        }
    }

    @Test func scrambledMentionsAgreeWithTheOracle() {
        let offsets = (0..<3).map {
            IDRenumbering.Offsets(village: Int32($0) * 5, town: Int64($0), district: Int64($0))
        }
        var renumbering = IDRenumbering(offsets: offsets)
        var oracle = Oracle()
        let kinds = IDRenumbering.Kind.allCases
        var replicas = 0
        var largest: [String: Int64] = [:]
        for step in 0..<3_000 {
            let (place, shard, kind) = (Int64(step * 7_919 % 400), step / 7 % 3, kinds[step * 13 % kinds.count])
            let name = "\(kind) \(shard)"
            // Now and then a replica, past what its shard has numbered, of one of five keys.
            if step % 11 == 0 {
                let (place, key) = (largest[name, default: -1] + 1 + Int64(step % 4), Int64(step % 5))
                renumbering.share(place + kind.firstID, kind, inShard: shard, key: key)
                oracle.share(place, kind, shard, key: key)
                replicas += 1
                continue
            }
            let expected = oracle.index(place, kind, shard) + kind.firstID
            #expect(renumbering.id(of: place + kind.firstID, kind, inShard: shard) == expected)
            largest[name] = max(largest[name, default: -1], place)
        }
        var checked = 0
        for kind in kinds {
            for index in 0...oracle.given[kind, default: 0] {
                for shard in 0..<3 {
                    let got = renumbering.shardID(of: index + kind.firstID, kind, inShard: shard)
                    switch oracle.origins["\(kind) \(index)"] {
                    case nil: #expect(got == nil)
                    case .shared(let key):
                        #expect(got == oracle.replicas["\(kind) \(shard) \(key)"].map { $0 + kind.firstID })
                    case .own(let owner, let place): #expect(got == (owner == shard ? place + kind.firstID : nil))
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
        #expect(replicas > 250)
    }

    @Test func aRecordMovesToTheWholeScenariosPlaces() {
        var renumbering = IDRenumbering(offsets: [
            IDRenumbering.Offsets(village: 0, town: 0, district: 0),
            IDRenumbering.Offsets(village: 5, town: 2, district: 1),
        ])
        // A district body's investigation in shard 1's village 3, about its lead 4.
        var opened = LogRecord(
            .investigationOpened, village: 3, code: LogRecord.Level.district.rawValue, subject: 1, other: 4, party: 0)
        renumbering.renumber(&opened, fromShard: 1)
        #expect(opened.village == 8 && opened.subject == 1 && opened.other == 4 && opened.party == 1)
        // A township's area is a town; the city's (-1) none.
        var township = LogRecord(
            .leadDropped, village: 0, code: LogRecord.Level.township.rawValue, subject: 4, party: 1)
        renumbering.renumber(&township, fromShard: 1)
        #expect(township.village == 5 && township.subject == 4 && township.party == 3)
        var city = LogRecord(.leadDropped, village: 0, code: LogRecord.Level.city.rawValue, subject: 2, party: -1)
        renumbering.renumber(&city, fromShard: 0)
        #expect(city.party == -1 && city.subject == 6, "shard 0's leads 1 and 2 after shard 1's 1 to 4")
    }
}
