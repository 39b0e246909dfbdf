import SanziEngine
import SanziScenario

/// A bidding ring: firms of one pool that take turns winning (ground truth only).
struct Ring: Sendable {
    var members: [Int32]
    /// The district the ring works in, or -1 for a shared pool.
    var district: Int
    /// The member whose turn it is to win.
    var turn = 0
}

extension World {
    /// Draws each scenario ring's members from its pool when bid rotation is enabled.
    mutating func drawRings(_ root: RandomStream) {
        guard conduct.setting(.bidRotation) != nil else { return }
        for ring in scenario.bidders.rings {
            guard let pool = scenario.bidders.pools.first(where: { $0.id == ring.poolID }),
                var candidates = poolMembers[ring.poolID], candidates.count >= 2
            else { continue }
            var random = root.derived("ring", ring.id)
            var members: [Int32] = []
            while members.count < min(ring.members, candidates.count) {
                members.append(candidates.remove(at: random.integer(in: 0...(candidates.count - 1))))
            }
            var district = -1
            if case .district(let id) = pool.scope {
                district = scenario.geography.districts.firstIndex { $0.id == id } ?? -1
            }
            rings.append(Ring(members: members, district: district))
        }
    }

    /// Kinship ties by person and the bidder each person is, for relatives and insiders.
    mutating func indexRelations() {
        relatives = Array(repeating: [], count: people.count)
        for tie in ties {
            relatives[Int(tie.a)].append((tie.b, tie.registered))
            relatives[Int(tie.b)].append((tie.a, tie.registered))
        }
        for (index, bidder) in bidders.enumerated() where bidder.village >= 0 {
            bidderOfPerson[bidder.person] = Int32(index)
        }
    }
}
