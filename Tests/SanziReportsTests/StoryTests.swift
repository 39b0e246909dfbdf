import SanziAlerts
import SanziEvaluation
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
}
