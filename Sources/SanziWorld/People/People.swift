import SanziEvents
import SanziScenario

/// Everyone in the world (cadres, supervisors, villagers who bid, owners of firms), their
/// kinship, and who holds which office in each village.
struct People: Sendable {
    var persons: [Person] = []
    var ties: [KinshipTie] = []
    /// Kinship ties by person, registered or hidden.
    var relatives = Kinship()
    /// By person, the bidder each villager or village firm's owner is (-1 for none), as it
    /// stood when the world was built: 4 bytes a person, where a dictionary of the ~200,000
    /// who bid took 4 MB at 12,000 villages (`bidder(of:)`).
    private var bidderByPerson: [Int32] = []
    /// Per village: who holds each office now.
    var offices: [Offices] = []
    /// Per village: who challenges the director at the next election, once the campaign has
    /// begun (-1 before).
    var challengers: [Int32] = []
    /// Officials above the villages, by person, and the officials of each town, each district
    /// and the city.
    var officials: [Int32: Official] = [:]
    var townOfficials: [[Int32]] = []
    var districtOfficials: [[Int32]] = []
    var cityOfficials: [Int32] = []
    /// In a shard, how many times each of the city's posts has changed hands, and the posts
    /// it changed here since the last news window with the holder's number before.
    var cityPostHolders: [Int] = []
    var cityPostsChanged: [World.CityPostChange] = []

    /// Adds a person with no kin yet; returns the index.
    mutating func add(_ person: Person) -> Int32 {
        persons.append(person)
        relatives.addPerson()
        return Int32(persons.count - 1)
    }

    /// Indexes kinship by person, and villagers and owners by the bidder they are.
    mutating func indexRelations(bidders: [Bidder]) {
        relatives = Kinship(ties, persons: persons.count)
        bidderByPerson = Array(repeating: -1, count: persons.count)
        for (index, bidder) in bidders.enumerated() where bidder.village >= 0 {
            bidderByPerson[Int(bidder.person)] = Int32(index)
        }
    }

    /// The bidder the villager or village firm's owner `person` is, if any.
    func bidder(of person: Int32) -> Int32? {
        guard person >= 0, person < bidderByPerson.count, bidderByPerson[Int(person)] >= 0 else { return nil }
        return bidderByPerson[Int(person)]
    }

    /// The holders of `role` in a village (-1 for none).
    func holders(of role: CadreRole, in village: Int32) -> [Int32] {
        let office = offices[Int(village)]
        switch role {
        case .committeeMember: return office.committee
        case .supervisor: return office.supervisors
        case .secretary, .director, .accountant, .cashier: return [office.holder(of: role)]
        }
    }
}

/// An official above the villages: a township official, or a district- or city-managed cadre.
struct Official: Sendable {
    var rank: LogRecord.Rank
    /// Index of the town or district, -1 for the city.
    var area: Int
    /// Index of the district (of the town, for a township official), -1 for the city.
    var district: Int
}

/// The offices of one village and their holders (person indices, -1 for vacant).
struct Offices: Sendable {
    var secretary: Int32 = -1
    var director: Int32 = -1
    var accountant: Int32 = -1
    var cashier: Int32 = -1
    var committee: [Int32] = []
    var supervisors: [Int32] = []

    /// The four key cadres: secretary, director, accountant, cashier.
    var keyCadres: [Int32] { [secretary, director, accountant, cashier] }
    /// The roles of `keyCadres`, in their order.
    static let keyRoles: [CadreRole] = [.secretary, .director, .accountant, .cashier]

    /// The holder of a key office, -1 when vacant (and for the committee and the supervisors,
    /// which have several: `committee`, `supervisors`).
    func holder(of role: CadreRole) -> Int32 {
        switch role {
        case .secretary: secretary
        case .director: director
        case .accountant: accountant
        case .cashier: cashier
        case .committeeMember, .supervisor: -1
        }
    }
}

/// A person: a cadre, a supervisor, a villager who bids, or a firm's owner. (12 bytes, the
/// one-byte fields after the 32-bit ones; 16 with the role between them.)
struct Person: Sendable {
    enum Role: UInt8 {
        case secretary, director, accountant, cashier, committeeMember, supervisor, villager, firmOwner, official
    }
    var village: Int32
    var clan: Int32
    var role: Role
    /// Willing to act corruptly when a chance comes (ground truth only).
    var corrupt = false
    /// Won office by buying votes: bolder, with the price to recoup (ground truth only).
    var boughtOffice = false

    init(village: Int32, role: Role, clan: Int32, corrupt: Bool = false) {
        (self.village, self.role, self.clan, self.corrupt) = (village, role, clan, corrupt)
    }
}

/// A tie of kinship between two people; unregistered ties are ground truth only.
struct KinshipTie: Sendable {
    var a: Int32
    var b: Int32
    var registered: Bool
}
