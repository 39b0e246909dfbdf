/// The people, bidders and kinship ties of a world, as plain values for datasets. Roles are
/// the offices people were given when they entered the world; ties carry whether they were
/// declared (`registered`) or hidden (ground truth).
public struct ActorSnapshot: Sendable, Codable {
    public struct Person: Sendable, Codable {
        public var id: Int64
        /// Index of the village, or -1 for owners of pool firms.
        public var village: Int32
        public var role: String
    }

    public struct Bidder: Sendable, Codable {
        public var id: Int64
        public var isFirm: Bool
        /// Person id of the villager or of the firm's owner.
        public var person: Int64
        /// Index of the village, or -1 for pool firms.
        public var village: Int32
        public var foundedDay: Int32
    }

    public struct Tie: Sendable, Codable {
        public var person: Int64
        public var relative: Int64
        public var registered: Bool
    }

    public var people: [Person]
    public var bidders: [Bidder]
    public var ties: [Tie]
}

extension World {
    /// A snapshot of the world's actors and ties.
    public var actors: ActorSnapshot {
        let roles = [
            "secretary", "director", "accountant", "cashier", "committee-member", "supervisor", "villager",
            "firm-owner", "official",
        ]
        return ActorSnapshot(
            people: people.persons.enumerated().map { index, person in
                .init(id: Int64(index), village: person.village, role: roles[Int(person.role.rawValue)])
            },
            bidders: platform.bidders.enumerated().map { index, bidder in
                .init(
                    id: Bidder.id(of: Int32(index)), isFirm: bidder.isFirm, person: Int64(bidder.person),
                    village: bidder.village, foundedDay: bidder.foundedDay)
            },
            ties: people.ties.map { .init(person: Int64($0.a), relative: Int64($0.b), registered: $0.registered) })
    }
}
