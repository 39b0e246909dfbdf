import SanziScenario

/// What a run generated, counted from the world at its end: the numbers a scenario gives
/// only as ranges per village.
public struct Census: Sendable, Equatable, Codable {
    public var households = 0
    /// Secretaries, directors, accountants, cashiers and committee members who held office,
    /// successors of removed cadres included.
    public var cadres = 0
    public var supervisors = 0
    public var resources = 0
    public var assets = 0
    /// Villagers and village firms who bid in their own village.
    public var localBidders = 0
    /// Firms of the pools, those founded during the run included.
    public var poolFirms = 0

    /// The counts of two worlds together (the districts of a run split by district).
    static func + (a: Census, b: Census) -> Census {
        Census(
            households: a.households + b.households, cadres: a.cadres + b.cadres,
            supervisors: a.supervisors + b.supervisors, resources: a.resources + b.resources,
            assets: a.assets + b.assets, localBidders: a.localBidders + b.localBidders,
            poolFirms: a.poolFirms + b.poolFirms)
    }
}

extension World {
    /// The world's people, register items and bidders.
    public var census: Census {
        var census = Census()
        census.households = villages.reduce(0) { $0 + $1.households }
        for person in people.persons {
            switch person.role {
            case .secretary, .director, .accountant, .cashier, .committeeMember: census.cadres += 1
            case .supervisor: census.supervisors += 1
            case .villager, .firmOwner, .official: break
            }
        }
        for item in platform.items {
            if item.kind.capital == .resource { census.resources += 1 } else { census.assets += 1 }
        }
        for bidder in platform.bidders {
            if bidder.village >= 0 { census.localBidders += 1 } else { census.poolFirms += 1 }
        }
        return census
    }
}
