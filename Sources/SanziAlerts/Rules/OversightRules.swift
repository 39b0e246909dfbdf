import SanziEvents
import SanziScenario

/// O01: many households petitioning about one village.
public struct PetitionCluster: AlertRule {
    static let households = RuleDocumentation.Parameter(
        "households", default: 8, range: 1...10_000, "petitioning households in the window")
    static let windowDays = RuleDocumentation.Parameter("window-days", default: 90, range: 7...730, "the window")
    public static let documentation = RuleDocumentation(
        id: "O01", name: "Petition cluster", group: .oversight,
        detects:
            "Households petitioning about one village within a rolling window reach a threshold: villagers see what the ledger hides (信访).",
        severity: "yellow; orange at twice the threshold",
        source: "The seed article (信访 fell as the rectification worked)",
        state: .village,
        parameters: [households, windowDays], targets: [.divertedCompensation, .toleratedArrears])
    public static let reads: [EventType] = [.petition]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Int(alert.score)) households petitioned within the window"
    }

    let households: Int32
    let window: Int32
    var recent = VillageTable<[(day: Int32, households: Int32, id: UInt64)]>(empty: [])

    public init(parameters: RuleParameters) {
        households = Int32(parameters[Self.households])
        window = Int32(parameters[Self.windowDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        var kept = recent[r.village].filter { event.day - $0.day <= window }
        kept.append((event.day, r.count, event.id))
        let total = kept.reduce(0) { $0 + $1.households }
        guard total >= households else {
            recent[r.village] = kept
            return
        }
        recent[r.village] = []
        output.raise(
            Alert(
                rule: Self.id, severity: total >= 2 * households ? .orange : .yellow, day: event.day,
                village: r.village,
                subject: .village, score: Double(total), threshold: Double(households), evidence: kept.map(\.id)))
    }
}

/// O02: village finances not posted in time.
public struct PublicityOverdue: AlertRule {
    static let maximumGapDays = RuleDocumentation.Parameter(
        "maximum-gap-days", default: 120, range: 15...730, "days between postings, grace included")
    public static let documentation = RuleDocumentation(
        id: "O02", name: "Publicity overdue", group: .oversight,
        detects:
            "No publicity posting for longer than the allowed gap (at least quarterly under the Organic Law, art. 30; a month of grace): closed books hide everything else.",
        severity: "yellow; orange beyond twice the gap",
        source: "Organic Law of Villagers' Committees art. 30; local 双公开",
        state: .village,
        parameters: [maximumGapDays], targets: [])
    /// Frequent village events are enough to notice a silence.
    public static let reads: [EventType] = [.publicity, .receipt, .disbursement, .payment]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.days(alert.score)) without a publicity posting"
    }

    let gap: Int32
    /// Each village's last posting and the level raised since, read at every receipt,
    /// disbursement and payment: 8 bytes a village (96 KB at 12,000 villages, where the posting's
    /// log id beside them made 288 KB, read at random).
    var last = VillageTable<(day: Int32, raised: Int32)>(empty: (0, 0))
    /// The log id of each village's last posting, read when an alert is raised.
    var posting = VillageTable<UInt64>(empty: 0)

    public init(parameters: RuleParameters) { gap = Int32(parameters[Self.maximumGapDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.village >= 0 else { return }
        if r.type == .publicity {
            last[r.village] = (event.day, 0)
            posting[r.village] = event.id
            return
        }
        var state = last[r.village]
        let silence = event.day - state.day
        let level: Int32 = silence > 2 * gap ? 2 : silence > gap ? 1 : 0
        guard level > state.raised else { return }
        state.raised = level
        last[r.village] = state
        let posted = posting[r.village]
        output.raise(
            Alert(
                rule: Self.id, severity: level == 2 ? .orange : .yellow, day: event.day, village: r.village,
                subject: .village, score: Double(silence), threshold: Double(gap),
                evidence: posted > 0 ? [posted, event.id] : [event.id]))
    }
}

/// O03: a director elected by a landslide.
public struct LandslideElection: AlertRule {
    static let share = RuleDocumentation.Parameter(
        "share", default: 0.7, range: 0.5...1, "the winner's share of the votes cast")
    public static let documentation = RuleDocumentation(
        id: "O03", name: "Landslide election", group: .oversight,
        detects:
            "A director elected with at least the threshold's share of the households' votes: contested village elections are seldom so one-sided unless votes were bought (贿选). A popular holder standing again looks the same.",
        severity: "yellow; orange halfway from the threshold to unanimity",
        source: "The seed article (election bribery in the 2014 committee elections was a focus)",
        state: .event,
        parameters: [share], targets: [.electionBribery])
    public static let reads: [EventType] = [.ballot]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "the director was elected with \(Int((alert.score * 100).rounded()))% of the votes"
    }

    let share: Double

    public init(parameters: RuleParameters) { share = parameters[Self.share] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.other == 1, r.count2 > 0 else { return }
        let won = Double(r.count) / Double(r.count2)
        guard won >= share else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: won >= (1 + share) / 2 ? .orange : .yellow, day: event.day,
                village: r.village, subject: .village, score: won, threshold: share, evidence: [event.id]))
    }
}
