import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput
import SanziScenario
import SanziTruth

/// The anomaly report of a run (`report.json`, documented in docs/report.md): where the risk
/// is, the strongest signals told in plain words, a timeline, and how good the alerts were
/// against the ground truth. `report.md` and `report.html` render the same content.
public struct Report: Sendable, Encodable {
    public struct Period: Sendable, Encodable {
        public var start: String
        public var end: String
        public var days: Int
    }

    public struct Totals: Sendable, Encodable {
        public var events: UInt64
        public var alerts: Int
        public var yellow: Int
        public var orange: Int
        public var red: Int
        public var cases: Int
        public var lookAlikes: Int
        /// Money in fen, as everywhere in report.json.
        public var lossFen: Int64
        public var lossDetectedFen: Int64
        /// Kickbacks and votes bought, paid privately.
        public var privateMoneyFen: Int64
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        public var alertsPerVillageMonth: Double
    }

    /// A district or village with its risk: alerts weighted 1 (yellow), 3 (orange), 9 (red).
    public struct Place: Sendable, Encodable {
        public var id: String
        public var name: String
        /// The district's name, for a village.
        public var district: String?
        public var risk: Int
        public var alerts: Int
        public var yellow: Int
        public var orange: Int
        public var red: Int
        public var cases: Int
        public var lossFen: Int64
    }

    /// The alerts on one subject, told in plain words.
    public struct Story: Sendable, Encodable {
        public var rank: Int
        public var village: String
        public var villageName: String
        public var district: String
        public var subject: String
        public var title: String
        public var firstDate: String
        public var lastDate: String
        public var severity: String
        public var risk: Int
        public var rules: [String]
        public var sentences: [String]
        public var alertIDs: [UInt64]
        /// What the ground truth says: the cases and look-alikes the alerts touched.
        public var truth: String

        private enum CodingKeys: String, CodingKey {
            case rank, village, villageName, district, subject, title, firstDate, lastDate, severity, risk, rules
            case sentences, truth
            case alertIDs = "alertIds"
        }
    }

    public struct Month: Sendable, Encodable {
        public var month: String
        public var yellow: Int
        public var orange: Int
        public var red: Int
        /// Whether the warning system ran at some time of the month, somewhere.
        public var warningSystem: Bool
    }

    /// An intervention of the scenario, on its date.
    public struct Intervention: Sendable, Encodable {
        public var date: String
        public var day: Int32
        public var name: String
    }

    public struct DelayBin: Sendable, Encodable {
        public var label: String
        public var cases: Int
    }

    public var scenario: String
    public var seed: UInt64
    public var period: Period
    public var totals: Totals
    public var districts: [Place]
    public var villages: [Place]
    public var stories: [Story]
    public var timeline: [Month]
    public var interventions: [Intervention]
    public var rules: [Evaluation.RuleResult]
    public var typologies: [Evaluation.TypologyResult]
    public var coverage: Evaluation.Coverage
    public var detectionDelays: [DelayBin]
    /// What the discipline-inspection bodies did, and (with a counterfactual pair) what the
    /// warning system changed.
    public var oversight: Oversight?
    public var warningSystemEffect: WarningEffect?

    /// What the report tells of the alerts themselves, without the evaluation: their places,
    /// stories and timeline. The slow part of a report, which a run makes beside the
    /// evaluation.
    public struct Observed: Sendable {
        var alerts: Int
        var bySeverity: [Severity: Int]
        var districts: [Place]
        var villages: [Place]
        var stories: [Story]
        var timeline: [Month]

        /// Looks at `alerts`; `stories` is how many subjects to tell.
        public init(facts: RunFacts, alerts: RaisedAlerts, truth: GroundTruth, context: DealContext, stories: Int = 12)
        {
            self.alerts = alerts.count
            bySeverity = [:]
            for alert in alerts.indices { bySeverity[alerts.severity(at: alert), default: 0] += 1 }
            (districts, villages) = Report.places(facts: facts, alerts: alerts, cases: truth.misconduct)
            self.stories = Report.stories(facts: facts, alerts: alerts, truth: truth, context: context, count: stories)
            timeline = Report.timeline(facts: facts, alerts: alerts)
        }
    }

    /// Builds the report; `stories` is how many subjects to tell.
    public init(
        facts: RunFacts, alerts: RaisedAlerts, truth: GroundTruth, evaluation: Evaluation, context: DealContext,
        stories: Int = 12
    ) {
        self.init(
            facts: facts,
            observed: Observed(facts: facts, alerts: alerts, truth: truth, context: context, stories: stories),
            truth: truth, evaluation: evaluation)
    }

    /// Builds the report from what was `observed` of the alerts and their `evaluation`.
    public init(facts: RunFacts, observed: Observed, truth: GroundTruth, evaluation: Evaluation) {
        scenario = facts.scenario
        seed = facts.seed
        period = Period(start: facts.date(0), end: facts.date(Int32(facts.days)), days: facts.days)
        let count = { (severity: Severity) in observed.bySeverity[severity] ?? 0 }
        let misconduct = truth.misconduct
        totals = Totals(
            events: facts.events, alerts: observed.alerts, yellow: count(.yellow), orange: count(.orange),
            red: count(.red), cases: misconduct.count, lookAlikes: truth.cases.count - misconduct.count,
            lossFen: evaluation.lossFen, lossDetectedFen: evaluation.lossDetectedFen,
            privateMoneyFen: evaluation.privateMoneyFen, precision: evaluation.precision,
            recall: evaluation.recall, f1: evaluation.f1, alertsPerVillageMonth: evaluation.alertsPerVillageMonth)
        (districts, villages) = (observed.districts, observed.villages)
        self.stories = observed.stories
        timeline = observed.timeline
        interventions = facts.interventions.map { Intervention(date: facts.date($0.day), day: $0.day, name: $0.name) }
        rules = evaluation.rules
        typologies = evaluation.typologies
        coverage = evaluation.coverage
        detectionDelays = Self.delays(evaluation: evaluation, truth: truth)
        oversight = evaluation.oversight
        warningSystemEffect = evaluation.warningSystemEffect
    }

    static func weight(_ severity: Severity) -> Int {
        switch severity {
        case .yellow: 1
        case .orange: 3
        case .red: 9
        }
    }

    static func places(facts: RunFacts, alerts: RaisedAlerts, cases: [Case]) -> (districts: [Place], villages: [Place])
    {
        var villages = facts.villages.map { village in
            Place(
                id: village.id, name: village.name, district: facts.districts[village.district].name, risk: 0,
                alerts: 0, yellow: 0, orange: 0, red: 0, cases: 0, lossFen: 0)
        }
        var districts = facts.districts.map {
            Place(
                id: $0.id, name: $0.name, district: nil, risk: 0, alerts: 0, yellow: 0, orange: 0, red: 0, cases: 0,
                lossFen: 0)
        }
        func add(_ severity: Severity, to place: inout Place) {
            place.risk += weight(severity)
            place.alerts += 1
            switch severity {
            case .yellow: place.yellow += 1
            case .orange: place.orange += 1
            case .red: place.red += 1
            }
        }
        for alert in alerts.indices {
            let (village, severity) = (Int(alerts.village(at: alert)), alerts.severity(at: alert))
            guard village >= 0 && village < villages.count else { continue }
            add(severity, to: &villages[village])
            add(severity, to: &districts[facts.villages[village].district])
        }
        for entry in cases where Int(entry.village) < villages.count {
            let district = facts.villages[Int(entry.village)].district
            villages[Int(entry.village)].cases += 1
            districts[district].cases += 1
            villages[Int(entry.village)].lossFen += entry.loss
            districts[district].lossFen += entry.loss
        }
        let byRisk = { (a: Place, b: Place) in a.risk != b.risk ? a.risk > b.risk : a.id < b.id }
        return (districts.sorted(by: byRisk), villages.sorted(by: byRisk))
    }

    static func stories(
        facts: RunFacts, alerts: RaisedAlerts, truth: GroundTruth, context: DealContext, count: Int
    ) -> [Story] {
        let ranked = StoryRanking.top(count, of: alerts, villages: facts.villages.count)
        context.recall(ranked.map(\.subject))
        let events = ranked.map { Set($0.alerts.flatMap(alerts.events)) }
        let cases = truth.caseIDs(touching: events.reduce(into: []) { $0.formUnion($1) })
        return zip(ranked, events).enumerated().map { rank, story in
            let (group, events) = story
            let told = group.alerts.map { alerts[$0] }
            let village = facts.villages[Int(group.village)]
            var rules: [String] = []
            var sentences: [String] = []
            for alert in told where !rules.contains(alert.rule) {
                rules.append(alert.rule)
                sentences.append(Narration.sentence(for: alert, context: context) + " (\(alert.rule))")
            }
            let touched = Set(events.flatMap { cases[$0] ?? [] }).sorted()
            return Story(
                rank: rank + 1, village: village.id, villageName: village.name,
                district: facts.districts[village.district].name, subject: group.subject.description,
                title: Narration.title(of: group.subject, context: context), firstDate: facts.date(told[0].day),
                lastDate: facts.date(told[told.count - 1].day),
                severity: (told.map(\.severity).max() ?? .yellow).rawValue, risk: group.risk, rules: rules,
                sentences: sentences, alertIDs: Array(told.map(\.id).prefix(20)),
                truth: describe(touched, in: truth))
        }
    }

    static func describe(_ caseIDs: [Int], in truth: GroundTruth) -> String {
        guard !caseIDs.isEmpty else { return "no case or look-alike: a false alarm" }
        return caseIDs.map { id in
            let entry = truth.cases[id - 1]
            return entry.kind == .misconduct
                ? "misconduct case \(id) (\(entry.typology.rawValue), loss \(Wording.yuan(fen: entry.loss)))"
                : "look-alike \(id) of \(entry.typology.rawValue)"
        }.joined(separator: "; ")
    }

    static func timeline(facts: RunFacts, alerts: RaisedAlerts) -> [Month] {
        let months = max(1, facts.start.months(until: facts.start.adding(days: max(0, facts.days - 1))) + 1)
        var timeline = (0..<months).map { index in
            let date = facts.start.adding(months: index)
            let first = Int32(
                max(0, facts.start.days(until: CalendarDate(year: date.year, month: date.month, day: 1) ?? date)))
            let last = Int32(min(facts.days - 1, facts.start.days(until: facts.start.adding(months: index + 1)) - 1))
            return Month(
                month: date.monthText, yellow: 0, orange: 0, red: 0,
                warningSystem: facts.warningSystemRuns(on: first) || facts.warningSystemRuns(on: last)
                    || facts.interventions.contains {
                        $0.day >= first && $0.day <= last && $0.warningSystem?.on == true
                    })
        }
        for alert in alerts.indices {
            let day = Int(alerts.day(at: alert))
            let index = min(months - 1, max(0, facts.start.months(until: facts.start.adding(days: day))))
            switch alerts.severity(at: alert) {
            case .yellow: timeline[index].yellow += 1
            case .orange: timeline[index].orange += 1
            case .red: timeline[index].red += 1
            }
        }
        return timeline
    }

    static let delayBins: [(label: String, upTo: Int32)] = [
        ("0–7 days", 7), ("8–30 days", 30), ("31–90 days", 90), ("91–180 days", 180), ("181–365 days", 365),
        ("over a year", .max),
    ]

    static func delays(evaluation: Evaluation, truth: GroundTruth) -> [DelayBin] {
        var counts = Array(repeating: 0, count: delayBins.count)
        for detection in evaluation.detections {
            guard let first = detection.firstAlertDay else { continue }
            let delay = max(0, first - truth.cases[detection.caseID - 1].startDay)
            counts[delayBins.firstIndex { delay <= $0.upTo } ?? delayBins.count - 1] += 1
        }
        return zip(delayBins, counts).map { DelayBin(label: $0.label, cases: $1) }
    }
}
