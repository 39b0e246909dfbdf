import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Honest look-alikes of every typology, and offenders who adapt to the deployed thresholds.
@Suite("Look-alikes and adaptive offenders")
struct LookAlikeAndAdaptationTests {
    typealias Fixtures = MisconductFixtures

    static func lookAlikes(_ typology: Typology, rate: Double) -> String {
        Fixtures.text(misconduct: #"<look-alike of="\#(typology.rawValue)" rate="\#(rate)"/>"#, enabled: false)
    }

    @Test(arguments: Typology.allCases)
    func honestLifeProducesEachLookAlike(_ typology: Typology) throws {
        let run = try Fixtures.run(Self.lookAlikes(typology, rate: 1))
        let lookAlikes = run.cases(typology, .lookAlike)
        #expect(!lookAlikes.isEmpty, "no look-alike of \(typology.rawValue)")
        #expect(run.truth.misconduct.isEmpty)
        for entry in lookAlikes {
            #expect(entry.perpetrators.isEmpty && entry.loss == 0 && !entry.events.isEmpty, "case \(entry.id)")
        }
    }

    /// A look-alike at rate 0.3 per village-month appears about 0.3 × 108 times.
    @Test func lookAlikesAppearAtTheirConfiguredRate() throws {
        let run = try Fixtures.run(Self.lookAlikes(.excessiveSpending, rate: 0.3))
        let count = run.cases(.excessiveSpending, .lookAlike).count
        #expect((18...47).contains(count), "\(count) look-alikes for an expected 32")
    }

    /// Every part of a split deal stays under the 50,000-yuan listing threshold; offenders who
    /// know the rules price each part just under it and space the parts beyond P02's 90 days.
    @Test func adaptiveOffendersSpaceSplitDealsBeyondTheWindow() throws {
        for adaptation in ["none", "know-thresholds"] {
            let run = try Fixtures.run(Fixtures.forcing(.dealSplitting, adaptation: adaptation))
            let cases = run.cases(.dealSplitting)
            #expect(!cases.isEmpty)
            for entry in cases {
                let parts = run.events(of: entry).filter { $0.type == .contract }
                let gaps = zip(parts, parts.dropFirst()).map { $1.day - $0.day }
                #expect(parts.count >= 2 && parts.allSatisfy { $0.record.amount2 < 50_000_00 })
                if adaptation == "none" {
                    #expect(gaps.allSatisfy { $0 <= 20 } && !entry.adapted)
                } else {
                    #expect(parts.allSatisfy { $0.record.amount2 >= 47_500_00 })
                    #expect(gaps.allSatisfy { $0 > 90 } && entry.adapted)
                }
            }
        }
    }

    /// Adaptive offenders stay under the values the scenario deploys, not the catalogue's
    /// defaults: a 150-day split window spaces the parts beyond 150 days; with P02 switched
    /// off there is no window to stay out of, and the parts come as close as plain ones.
    @Test func adaptiveOffendersFollowTheDeployedSettings() throws {
        let wide = #"<alerts><rule id="P02"><param name="window-days" value="150"/></rule></alerts>"#
        let off = #"<alerts><rule id="P02" enabled="false"/></alerts>"#
        // The smallest gap between two parts with each setting: beyond the deployed window,
        // or (with no window) as plain offenders space them, 1 to 20 days.
        for (alerts, window) in [(wide, Int32(150)), (off, nil)] {
            let run = try Fixtures.run(Fixtures.forcing(.dealSplitting, adaptation: "know-thresholds", alerts: alerts))
            let cases = run.cases(.dealSplitting)
            #expect(!cases.isEmpty)
            for entry in cases {
                let parts = run.events(of: entry).filter { $0.type == .contract }
                let gaps = zip(parts, parts.dropFirst()).map { $1.day - $0.day }
                #expect(!gaps.isEmpty)
                if let window {
                    #expect(gaps.allSatisfy { $0 > window }, "\(gaps)")
                } else {
                    #expect(gaps.allSatisfy { $0 <= 20 }, "\(gaps)")
                }
            }
        }
    }

    /// Adaptive accountants keep fake invoices under the second approval tier, in odd amounts,
    /// with the right approver; the others forge the finance head's signature on round sums.
    @Test func adaptiveOffendersShapeFakeInvoicesToTheRules() throws {
        let plain = try Fixtures.run(Fixtures.forcing(.fakeDisbursement))
        let adaptive = try Fixtures.run(Fixtures.forcing(.fakeDisbursement, adaptation: "know-thresholds"))
        func payments(_ run: Fixtures.Run) -> [LogRecord] {
            run.cases(.fakeDisbursement).flatMap { run.events(of: $0) }.map(\.record).filter {
                $0.type == .disbursement
            }
        }
        let plainPayments = payments(plain)
        let adaptivePayments = payments(adaptive)
        #expect(!plainPayments.isEmpty && !adaptivePayments.isEmpty)
        #expect(plainPayments.allSatisfy { $0.amount % 1_000_00 == 0 && $0.count2 == 0 })
        let shaped = adaptivePayments.filter { $0.amount < 10_000_00 && $0.amount % 1_000_00 != 0 && $0.count2 == 1 }
        #expect(shaped.count == adaptivePayments.count)
    }

    /// With `learn-after-catch`, offenders act plainly until an investigation proves a case
    /// of the typology in their district, and adapt from then on. (Deterrence is off, so that
    /// they go on acting after the catch.)
    @Test func offendersLearnTheThresholdsAfterAColleagueIsCaught() throws {
        let run = try Fixtures.run(
            Fixtures.forcing(
                .fakeDisbursement, adaptation: "learn-after-catch", oversight: Fixtures.noDeterrence))
        let cases = run.cases(.fakeDisbursement)
        let firstCatch = try #require(cases.filter { $0.discoveredDay >= 0 }.map(\.discoveredDay).min())
        // Cases on the day of the catch may come before or after the investigation's end.
        let before = cases.filter { $0.startDay < firstCatch }
        let after = cases.filter { $0.startDay > firstCatch }
        #expect(before.allSatisfy { !$0.adapted } && cases.contains { !$0.adapted })
        #expect(!after.isEmpty && after.allSatisfy { $0.adapted })
        let proven = run.events.filter {
            $0.type == .investigationClosed && $0.day == firstCatch && $0.record.outcome == .substantiated
        }
        #expect(!proven.isEmpty, "an investigation proves the case")
    }
}
