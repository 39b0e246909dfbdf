import SanziEvents
import SanziScenario

/// Who holds office in each village, who declared whom a relative, and who owns each bidder:
/// what the platform knows from declarations and registrations.
struct Declarations {
    /// Per village: the holder of each single office (secretary, director, accountant, cashier)
    /// and the committee members and supervisors.
    var offices: [Int32: (single: [Int64], members: Set<Int64>)] = [:]
    var relatives = DeclaredTies()
    var owners = IDTable<Int64>()

    mutating func read(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .office:
            var office = offices[r.village] ?? ([-1, -1, -1, -1], [])
            switch r.role {
            case .secretary, .director, .accountant, .cashier: office.single[Int(r.code)] = r.subject
            case .committeeMember, .supervisor, .official, nil: office.members.insert(r.subject)
            }
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
        func holds(_ candidate: Int64) -> Bool {
            office.single.contains(candidate) || office.members.contains(candidate)
        }
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

/// R01: a deal awarded to a cadre, a supervisor or their declared relative.
public struct RelatedPartyAward: AlertRule {
    static let degrees = RuleDocumentation.Parameter(
        "degrees", default: 2, range: 1...4, "declared kinship ties counted")
    public static let documentation = RuleDocumentation(
        id: "R01", name: "Related-party award", group: .relations,
        detects:
            "The winner of an award is, or is owned by, an office holder of the village (a cadre or a supervision-committee member) or a declared relative within d degrees (优亲厚友). A relative who wins a fair auction looks the same.",
        severity: "red when the office holder wins; orange for a relative",
        source: "Local practice (优亲厚友); OCP conflict-of-interest flags",
        state: .party,
        parameters: [degrees], targets: [.relativeAward])
    public static let reads: [EventType] = [.office, .relation, .registration, .award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        let holder = Wording.holder(alert, roleOf: roleOf)
        return alert.score == 0 ? "won by \(holder) in person" : "won by a relative of \(holder)"
    }

    let degrees: Int
    var declarations = Declarations()

    public init(parameters: RuleParameters) { degrees = Int(parameters[Self.degrees]) }

    public mutating func observe(_ event: LoggedEvent, _ output: inout AlertOutput) {
        guard event.record.type == .award else { return declarations.read(event) }
        let r = event.record
        guard let owner = declarations.owners[r.party],
            let related = declarations.officeHolder(near: owner, in: r.village, degrees: degrees)
        else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: related.distance == 0 ? .red : .orange, day: event.day, village: r.village,
                subject: .listing(r.subject), score: Double(related.distance), threshold: Double(degrees),
                evidence: [event.id],
                values: [.init("owner", Double(owner)), .init("office_holder", Double(related.holder))]))
    }
}

/// R02: collective money paid to a cadre's business or relative.
public struct RelatedPartyPayment: AlertRule {
    static let degrees = RuleDocumentation.Parameter(
        "degrees", default: 2, range: 1...4, "declared kinship ties counted")
    public static let documentation = RuleDocumentation(
        id: "R02", name: "Related-party payment", group: .relations,
        detects:
            "A disbursement to a bidder owned by an office holder of the village or a declared relative within d degrees: works and supplies bought from insiders.",
        severity: "red when the office holder is paid; orange for a relative",
        source: "Local practice (优亲厚友)",
        state: .party,
        parameters: [degrees], targets: [.fakeDisbursement, .relativeAward])
    public static let reads: [EventType] = [.office, .relation, .registration, .disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        let holder = Wording.holder(alert, roleOf: roleOf)
        return alert.score == 0 ? "paid to \(holder) in person" : "paid to a relative of \(holder)"
    }

    let degrees: Int
    var declarations = Declarations()

    public init(parameters: RuleParameters) { degrees = Int(parameters[Self.degrees]) }

    public mutating func observe(_ event: LoggedEvent, _ output: inout AlertOutput) {
        guard event.record.type == .disbursement else { return declarations.read(event) }
        let r = event.record
        guard r.party >= 0, let owner = declarations.owners[r.party],
            let related = declarations.officeHolder(near: owner, in: r.village, degrees: degrees)
        else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: related.distance == 0 ? .red : .orange, day: event.day, village: r.village,
                subject: .bidder(r.party), score: Double(related.distance), threshold: Double(degrees),
                evidence: [event.id],
                values: [.init("owner", Double(owner)), .init("office_holder", Double(related.holder))]))
    }
}
