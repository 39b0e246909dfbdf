import SanziAlerts
import SanziOutput
import SanziScenario
import SanziTruth
import Testing

@testable import SanziEvaluation

/// Two cases, a look-alike and four alerts, scored by hand.
@Suite("Evaluation against ground truth")
struct EvaluationTests {
    static func entry(
        _ id: Int, _ kind: Case.Kind, _ typology: Typology, start: Int32, loss: Int64, events: [UInt64]
    ) -> Case {
        Case(
            id: id, kind: kind, typology: typology, village: 0, perpetrators: [], beneficiary: -1, startDay: start,
            endDay: start, expected: loss, booked: 0, adapted: false, discoveredDay: -1, events: events)
    }

    static func alert(_ id: UInt64, _ rule: String, day: Int32, evidence: [UInt64], combines: [UInt64] = []) -> Alert {
        var alert = Alert(
            rule: rule, severity: .yellow, day: day, village: 0, subject: .village, score: 1, threshold: 1,
            evidence: evidence)
        alert.id = id
        alert.combines = combines
        return alert
    }

    static let truth = GroundTruth(cases: [
        entry(1, .misconduct, .belowMarketDeal, start: 5, loss: 100_00, events: [10, 11]),
        entry(2, .misconduct, .bidRigging, start: 8, loss: 50_00, events: [20]),
        entry(3, .lookAlike, .belowMarketDeal, start: 6, loss: 0, events: [30]),
    ])

    /// V01 hits case 1 on day 7; C01 once on the look-alike, once on nothing; E01 combines the
    /// first two, so its evidence touches case 1 again.
    static let alerts = [
        alert(1, "V01", day: 7, evidence: [10]),
        alert(2, "C01", day: 9, evidence: [30]),
        alert(3, "C01", day: 9, evidence: [99]),
        alert(4, "E01", day: 10, evidence: [], combines: [1, 2]),
    ]

    @Test func overallNumbersAreExact() {
        let evaluation = Evaluation(alerts: Self.alerts, truth: Self.truth, villages: 2, days: 730)
        #expect(evaluation.alerts == 4)
        #expect(evaluation.truePositives == 2 && evaluation.falsePositives == 2)
        #expect(evaluation.lookAlikeFalseAlarms == 1)
        #expect(evaluation.precision == 0.5 && evaluation.recall == 0.5 && evaluation.f1 == 0.5)
        #expect(evaluation.cases == 2 && evaluation.detected == 1)
        #expect(evaluation.lossFen == 150_00 && evaluation.lossDetectedFen == 100_00)
        // 730 days are 23.98 months: 4 alerts / (2 villages × 23.98) = 0.0834.
        #expect(evaluation.alertsPerVillageMonth == 0.0834)
    }

    @Test func perRuleAndPerTypologyNumbersAreExact() throws {
        let evaluation = Evaluation(alerts: Self.alerts, truth: Self.truth, villages: 2, days: 730)
        let v01 = try #require(evaluation.rules.first { $0.rule == "V01" })
        #expect(v01.alerts == 1 && v01.truePositives == 1 && v01.precision == 1 && v01.casesDetected == 1)
        #expect(v01.lossDetectedFen == 100_00)
        let c01 = try #require(evaluation.rules.first { $0.rule == "C01" })
        #expect(c01.alerts == 2 && c01.falsePositives == 2 && c01.lookAlikeFalseAlarms == 1 && c01.precision == 0)
        let e01 = try #require(evaluation.rules.first { $0.rule == "E01" })
        #expect(e01.truePositives == 1)
        let quiet = try #require(evaluation.rules.first { $0.rule == "P01" })
        #expect(quiet.alerts == 0 && quiet.precision == nil)
        let below = try #require(evaluation.typologies.first { $0.typology == "below-market-deal" })
        #expect(below.cases == 1 && below.detected == 1 && below.recall == 1)
        #expect(below.medianDaysToDetection == 2 && below.p90DaysToDetection == 2)
        #expect(below.lookAlikes == 1 && below.lookAlikesAlerted == 1)
        let rigging = try #require(evaluation.typologies.first { $0.typology == "bid-rigging" })
        #expect(rigging.detected == 0 && rigging.recall == 0 && rigging.medianDaysToDetection == nil)
        #expect(rigging.lossFen == 50_00 && rigging.lossDetectedFen == 0)
        let row = try #require(evaluation.coverage.typologies.firstIndex(of: "below-market-deal"))
        let v01Column = try #require(evaluation.coverage.rules.firstIndex(of: "V01"))
        let c01Column = try #require(evaluation.coverage.rules.firstIndex(of: "C01"))
        #expect(evaluation.coverage.casesDetected[row][v01Column] == 1)
        #expect(evaluation.coverage.casesDetected[row][c01Column] == 0)
    }

    @Test func percentilesUseTheNearestRank() {
        #expect(Tally.median([1, 2, 3, 4]) == 2.5)
        #expect(Tally.median([3]) == 3)
        #expect(Tally.percentile([1, 2, 3, 4], 0.9) == 4)
        #expect(Tally.percentile(Array(1...10), 0.9) == 9)
        #expect(Tally.median([]) == nil)
    }

    @Test func noAlertsAndNoCasesGiveNoRatios() {
        let evaluation = Evaluation(alerts: [], truth: GroundTruth(cases: []), villages: 1, days: 30)
        #expect(evaluation.precision == nil && evaluation.recall == nil && evaluation.f1 == nil)
        // evaluation.json writes them as null, as docs/evaluation.md says, not leaving them out.
        let json = OutputFiles.json(evaluation)
        for key in ["precision", "recall", "f1"] {
            #expect(json.contains("\"\(key)\" : null"), "\(key)")
        }
    }
}
