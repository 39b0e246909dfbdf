import SanziEvents

/// Who holds office in each village, who declared whom a relative, and who owns each bidder:
/// what the platform knows from declarations and registrations; and the bids made on the
/// listings not yet awarded.
///
/// The engine keeps one for all the rules that read it (`AlertRule.readsDeclarations`: R01
/// and R02; `AlertRule.readsBids`: C02, C03, C04 and C07), with only what they read: it reads
/// each event into it before the rules see the event (`read(_:)`) and lets go of what they no
/// longer need after (`settle(_:)`). When each of R01 and R02 kept its own, the two copies took
/// some 40 MB at 12,000 villages.
public struct Declarations: Sendable {
    /// What a `Declarations` keeps.
    public struct Kept: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Offices, declared ties and owners of bidders.
        public static let declared = Kept(rawValue: 1)
        /// The bids on listings not yet awarded.
        public static let bids = Kept(rawValue: 2)
    }

    /// What it keeps: the rest of the log passes it by.
    let kept: Kept
    /// Per village: who holds its offices, once one is declared.
    var offices = VillageTable<DeclaredOffices?>(empty: nil)
    var relatives = DeclaredTies()
    var owners = CompactIDTable<Int64>()
    private var bidBook = BidBook()

    /// Declarations that keep `kept` (nothing by default).
    public init(keeping kept: Kept = []) { self.kept = kept }

    /// The event types `read(_:)` and `settle(_:)` take anything from.
    var reads: Set<EventType> {
        var types: Set<EventType> = []
        if kept.contains(.declared) { types.formUnion([.office, .relation, .registration]) }
        if kept.contains(.bids) { types.formUnion([.bid, .award]) }
        return types
    }

    /// Reads what `event` declares, if this keeps it: an office taken, a kinship tie, a
    /// bidder's owner, a bid. Before the rules read the event.
    public mutating func read(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .office where kept.contains(.declared):
            var office = offices[r.village] ?? DeclaredOffices()
            office.take(r.role, by: r.subject)
            offices[r.village] = office
        case .relation where kept.contains(.declared):
            relatives.add(r.subject, r.party)
        case .registration where kept.contains(.declared):
            owners[r.party] = r.other
        case .bid where kept.contains(.bids):
            bidBook.add(event)
        default:
            break
        }
    }

    /// Lets go of what no rule will read again once they have all read `event`: an awarded
    /// listing's bids.
    public mutating func settle(_ event: LoggedEvent) {
        if event.record.type == .award, kept.contains(.bids) { bidBook.close(event.record.subject) }
    }

    /// The bids made on `listing`, in the order made, until its award has been read (none unless
    /// this keeps bids).
    func bids(on listing: Int64) -> [BidBook.Bid] { bidBook.bids(on: listing) }

    /// The nearest office holder of `village` within `degrees` declared ties of `person`:
    /// (holder, distance), distance 0 when the person holds office.
    func officeHolder(near person: Int64, in village: Int32, degrees: Int) -> (holder: Int64, distance: Int)? {
        guard let office = offices[village] else { return nil }
        let holds = office.heldBy
        // Most people hold no office and have no holder among their nearest ties: those are
        // answered without the set a wider search needs (it cost R01 and R02 188 M
        // instructions at 1,200 villages x 5 years when made for every award and payment).
        if holds(person) { return (person, 0) }
        let near = relatives.of(person)
        guard degrees >= 1, !near.isEmpty else { return nil }
        if let holder = near.first(where: holds) { return (holder, 1) }
        var seen: Set<Int64> = [person]
        var frontier = near.filter { seen.insert($0).inserted }
        for distance in stride(from: 2, through: degrees, by: 1) {
            frontier = frontier.flatMap { relatives.of($0) }.filter { seen.insert($0).inserted }
            if frontier.isEmpty { return nil }
            if let holder = frontier.first(where: holds) { return (holder, distance) }
        }
        return nil
    }
}
