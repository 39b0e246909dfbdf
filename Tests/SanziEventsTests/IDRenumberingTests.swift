import Testing

@testable import SanziEvents

/// Two shards' ids become one log's, by hand: in order of first mention, a shared thing once.
@Suite("Renumbering shards' ids")
struct IDRenumberingTests {
    @Test func idsFollowTheFirstMentionAndSharedThingsBecomeOne() {
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
        // Persons from 0; the shared bidder is one, whichever shard names it.
        #expect(renumbering.id(of: 7, .person, inShard: 1) == 0)
        #expect(renumbering.id(of: 2, .bidder, inShard: 0) == 1)
        #expect(renumbering.id(of: 3, .bidder, inShard: 1) == 2)
        #expect(renumbering.id(of: 1, .bidder, inShard: 0) == 2)
        #expect(renumbering.isReplica(1, .bidder, inShard: 0) && !renumbering.isReplica(2, .bidder, inShard: 0))
        // Back to each shard's own: its own things, and its replica of a shared one.
        #expect(renumbering.shardID(of: 1, .listing, inShard: 1) == 1)
        #expect(renumbering.shardID(of: 1, .listing, inShard: 0) == nil)
        #expect(renumbering.shardID(of: 2, .bidder, inShard: 0) == 1)
        #expect(renumbering.shardID(of: 2, .bidder, inShard: 1) == 3)
        #expect(renumbering.shardID(of: 9, .contract, inShard: 0) == nil, "never named")
    }

    /// Merged ids past what 4 bytes hold wait in a table: with the table used from 2 on, three
    /// shards' ids, named in a scrambled order and again, come out as with every id in the maps;
    /// either way each merged id of a kind warnings name goes back to its shard's own id, and to
    /// nothing in the other shards.
    @Test func idsPastTheMapsLimitComeBackTheSame() {
        let offsets = (0..<3).map {
            IDRenumbering.Offsets(village: Int32($0) * 5, town: Int64($0), district: Int64($0))
        }
        var compact = IDRenumbering(offsets: offsets)
        var tabled = IDRenumbering(offsets: offsets, compactBelow: 2)
        let kinds = IDRenumbering.Kind.allCases
        for step in 0..<2_000 {
            let (id, shard, kind) = (Int64(step * 7_919 % 300), step / 7 % 3, kinds[step * 13 % kinds.count])
            let expected = compact.id(of: id + kind.firstID, kind, inShard: shard)
            #expect(tabled.id(of: id + kind.firstID, kind, inShard: shard) == expected)
            guard kind.namesWarnings else { continue }
            for renumbering in [compact, tabled] {
                #expect(renumbering.shardID(of: expected, kind, inShard: shard) == id + kind.firstID)
                #expect(renumbering.shardID(of: expected, kind, inShard: (shard + 1) % 3) == nil)
            }
        }
        for kind in IDRenumbering.Kind.allCases where kind.namesWarnings {
            for merged in 1...Int64(600) {
                #expect(tabled.shardID(of: merged, kind, inShard: 1) == compact.shardID(of: merged, kind, inShard: 1))
            }
        }
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
        #expect(opened.village == 8 && opened.subject == 1 && opened.other == 1 && opened.party == 1)
        // A township's area is a town; the city's (-1) none.
        var township = LogRecord(
            .leadDropped, village: 0, code: LogRecord.Level.township.rawValue, subject: 4, party: 1)
        renumbering.renumber(&township, fromShard: 1)
        #expect(township.village == 5 && township.subject == 1 && township.party == 3)
        var city = LogRecord(.leadDropped, village: 0, code: LogRecord.Level.city.rawValue, subject: 2, party: -1)
        renumbering.renumber(&city, fromShard: 0)
        #expect(city.party == -1 && city.subject == 2)
    }
}
