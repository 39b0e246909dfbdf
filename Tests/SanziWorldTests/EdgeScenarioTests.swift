import Foundation
import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

/// Values at the edges of what validation accepts run to the end: each of these trapped
/// (an index out of range, a division by zero) before it was handled.
@Suite("Scenarios at the edges run")
struct EdgeScenarioTests {
    static let text =
        (try? String(contentsOfFile: "\(WorldFixtures.root)/Scenarios/default.xml", encoding: .utf8)) ?? ""

    @Test(arguments: [
        // One qualified bidder is enough: an auction of one sells at the reserve.
        (#"min-bidders="2""#, #"min-bidders="1""#),
        // No bid increment: bids are not rounded.
        (#"increment-yuan="500""#, #"increment-yuan="0""#),
        // No listing threshold: every deal is listed, so works are never split under it.
        (#"listing-threshold-yuan="50000""#, #"listing-threshold-yuan="0""#),
        (#"<set-listing-threshold yuan="30000"/>"#, #"<set-listing-threshold yuan="0"/>"#),
    ])
    func anEdgeValueRuns(original: String, edge: String) throws {
        #expect(Self.text.contains(original))
        let scenario = try WorldFixtures.scenario(text: Self.text.replacingOccurrences(of: original, with: edge))
        let run = WorldFixtures.run(scenario)
        #expect(run.events.count > 1_000)
        #expect(run.summary.counts[Int(EventType.award.rawValue)] > 0)
    }

    @Test func withNoThresholdNoWorksAreSplit() throws {
        let text = Self.text.replacingOccurrences(
            of: #"listing-threshold-yuan="50000""#, with: #"listing-threshold-yuan="0""#
        )
        .replacingOccurrences(
            of: #"<set-listing-threshold yuan="30000"/>"#, with: #"<set-listing-threshold yuan="0"/>"#)
        let run = WorldFixtures.run(try WorldFixtures.scenario(text: text))
        #expect(!run.summary.truth.cases.contains { $0.typology == .dealSplitting })
    }
}
