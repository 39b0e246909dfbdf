import SanziEvents

/// The world as it stands at a run's horizon: one world, or one per district for a run split
/// by district (`SplitRun`), with what is counted or listed from it.
public enum WorldAtHorizon: Sendable {
    case whole(World)
    case split(SplitRun.Shards)

    /// The people, bidders and ties, in the log's ids.
    public var actors: ActorSnapshot {
        switch self {
        case .whole(let world): world.actors
        case .split(let shards): shards.actors
        }
    }

    /// Why a district kept elsewhere could not go on, if one could not (`SplitRun.Shards`).
    public var failure: ShardFailure? {
        switch self {
        case .whole: nil
        case .split(let shards): shards.failure
        }
    }

    /// What the run generated.
    public var census: Census {
        switch self {
        case .whole(let world): world.census
        case .split(let shards): shards.census
        }
    }
}

extension SplitRun.Shards {
    /// Every district's actors, in the merged log's ids (those the log never named numbered
    /// after, district by district), the replicas of shared firms and owners once.
    var actors: ActorSnapshot {
        var renumbering = renumbering
        var people: [ActorSnapshot.Person] = []
        var bidders: [ActorSnapshot.Bidder] = []
        var ties: [ActorSnapshot.Tie] = []
        for (shard, host) in hosts.enumerated() {
            let offset = places[shard].offsets.village
            func moved(_ village: Int32) -> Int32 { village >= 0 ? village + offset : village }
            let actors = host.actors
            for var person in actors.people
            where shard == 0 || !renumbering.isReplica(person.id, .person, inShard: shard) {
                person.id = renumbering.id(of: person.id, .person, inShard: shard)
                person.village = moved(person.village)
                people.append(person)
            }
            for var bidder in actors.bidders
            where shard == 0 || !renumbering.isReplica(bidder.id, .bidder, inShard: shard) {
                bidder.id = renumbering.id(of: bidder.id, .bidder, inShard: shard)
                bidder.person = renumbering.id(of: bidder.person, .person, inShard: shard)
                bidder.village = moved(bidder.village)
                bidders.append(bidder)
            }
            for var tie in actors.ties {
                tie.person = renumbering.id(of: tie.person, .person, inShard: shard)
                tie.relative = renumbering.id(of: tie.relative, .person, inShard: shard)
                ties.append(tie)
            }
        }
        people.sort { $0.id < $1.id }
        bidders.sort { $0.id < $1.id }
        return ActorSnapshot(people: people, bidders: bidders, ties: ties)
    }

    /// Every district's census, the shared firms counted once.
    var census: Census {
        var total = hosts.map(\.census).reduce(Census(), +)
        total.poolFirms -= (hosts.count - 1) * (hosts.first?.sharedFirms ?? 0)
        return total
    }
}
