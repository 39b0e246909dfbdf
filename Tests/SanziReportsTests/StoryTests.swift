import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziReports

/// Stories say what the truth holds about the events behind their alerts, escalations included.
@Suite("Report stories")
struct StoryTests {
    static func alert(_ id: UInt64, _ rule: String, _ severity: Severity, evidence: [UInt64], combines: [UInt64] = [])
        -> Alert
    {
        var alert = Alert(
            rule: rule, severity: severity, day: Int32(id), village: 0, subject: .listing(7), score: 1, threshold: 1,
            evidence: evidence)
        alert.id = id
        alert.combines = combines
        return alert
    }

    /// An E02 that combines E01s resolves to the yellow's evidence; the story of the subject
    /// weighs all four alerts and names the case.
    @Test func anEscalationOfEscalationsReachesTheCaseBehindItsSignals() throws {
        let truth = GroundTruth(cases: [
            Case(
                id: 1, kind: .misconduct, typology: .bidRigging, village: 0, perpetrators: [], beneficiary: -1,
                startDay: 0, endDay: 0, expected: 10_000, booked: 0, adapted: false, discoveredDay: -1, events: [42])
        ])
        // E02 combines E01s only; their evidence is that of the yellows they combine.
        let alerts = RaisedAlerts([
            Self.alert(1, "C02", .yellow, evidence: [42]), Self.alert(2, "E01", .orange, evidence: [], combines: [1]),
            Self.alert(3, "E01", .orange, evidence: [], combines: [1]),
            Self.alert(4, "E02", .red, evidence: [], combines: [2, 3]),
        ])
        #expect(alerts.events(of: 3) == [42, 42])
        #expect(alerts.events(of: 0) == [42])
        let facts = RunFacts(
            scenario: "S", seed: 1, start: CalendarDate(year: 2013, month: 1, day: 1)!, days: 30, events: 50,
            villages: [.init(id: "v", name: "V", district: 0)], districts: [("d", "D")])
        let report = Report(
            facts: facts, alerts: alerts, truth: truth,
            evaluation: Evaluation(alerts: alerts, truth: truth, villages: 1, days: 30), context: DealContext())
        let story = try #require(report.stories.first)
        #expect(story.severity == "red" && story.risk == 1 + 3 + 3 + 9)
        #expect(story.truth.hasPrefix("misconduct case 1 (bid-rigging"))
        #expect(story.rules == ["C02", "E01", "E02"])
    }

    /// The ranking found a village at a time is the whole run's groups sorted and cut: checked
    /// against grouping every alert at once, on alerts of six villages (and of none, and of a
    /// village beyond them) on subjects that repeat, for every length of the list.
    @Test func theRankingIsEveryGroupSortedThenCut() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let subjects: [AlertSubject] = [.listing(3), .listing(12), .contract(3), .bidder(40), .village]
        let alerts = RaisedAlerts(
            (0..<400).map { index in
                Alert(
                    rule: "C02", severity: Severity.allCases[next(3)], day: Int32(index / 7),
                    village: Int32(next(8) - 1),
                    subject: subjects[next(subjects.count)], score: 1, threshold: 1, evidence: [UInt64(index)])
            })
        struct Key: Hashable {
            var village: Int32
            var subject: AlertSubject
        }
        var groups: [Key: StoryRanking.Group] = [:]
        var order: [Key] = []
        for position in alerts.indices where (0..<6).contains(alerts.village(at: position)) {
            let key = Key(village: alerts.village(at: position), subject: alerts.subject(at: position))
            if groups[key] == nil {
                order.append(key)
                groups[key] = .init(village: key.village, subject: key.subject, day: alerts.day(at: position), risk: 0)
            }
            groups[key]?.risk += Report.weight(alerts.severity(at: position))
            groups[key]?.alerts.append(position)
        }
        let sorted = order.compactMap { groups[$0] }.sorted { $0.ranks(before: $1) }
        #expect(sorted.count > 12 && sorted.allSatisfy { $0.alerts.count > 1 }, "subjects repeat within villages")
        for count in 0...(sorted.count + 1) {
            let top = StoryRanking.top(count, of: alerts, villages: 6)
            #expect(top == Array(sorted.prefix(count)), "top \(count)")
        }
    }
}
