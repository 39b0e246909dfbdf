import SanziEvents

/// Who holds office in each village, who declared whom a relative, and who owns each bidder:
/// what the platform knows from declarations and registrations.
///
/// The engine keeps one for every rule that reads it (`AlertRule.readsDeclarations`: R01 and
/// R02) and reads each event into it before the rules see the event; when each of the two
/// kept its own, the two copies took some 40 MB at 12,000 villages.
public struct Declarations: Sendable {
    /// Per village: who holds its offices, once one is declared.
    var offices = VillageTable<DeclaredOffices?>(empty: nil)
    var relatives = DeclaredTies()
    var owners = CompactIDTable<Int64>()

    public init() {}

    /// The event types `read(_:)` takes anything from.
    static let reads: Set<EventType> = [.office, .relation, .registration]

    /// Reads what `event` declares, if anything: an office taken, a kinship tie, a bidder's
    /// owner.
    public mutating func read(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .office:
            var office = offices[r.village] ?? DeclaredOffices()
            office.take(r.role, by: r.subject)
            offices[r.village] = office
        case .relation:
            relatives.add(r.subject, r.party)
        case .registration:
            owners[r.party] = r.other
        default:
            break
        }
    }

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
