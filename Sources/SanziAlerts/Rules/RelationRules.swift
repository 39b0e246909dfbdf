import SanziEvents
import SanziScenario

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
    public static let reads: [EventType] = [.award]
    public static let readsDeclarations = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        let holder = Wording.holder(alert, roleOf: roleOf)
        return alert.score == 0 ? "won by \(holder) in person" : "won by a relative of \(holder)"
    }

    let degrees: Int

    public init(parameters: RuleParameters) { degrees = Int(parameters[Self.degrees]) }

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
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
    public static let reads: [EventType] = [.disbursement]
    public static let readsDeclarations = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        let holder = Wording.holder(alert, roleOf: roleOf)
        return alert.score == 0 ? "paid to \(holder) in person" : "paid to a relative of \(holder)"
    }

    let degrees: Int

    public init(parameters: RuleParameters) { degrees = Int(parameters[Self.degrees]) }

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
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
