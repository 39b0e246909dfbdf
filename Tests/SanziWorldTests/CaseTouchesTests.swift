import Foundation
import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

@Suite("Case touches")
struct CaseTouchesTests {
    /// 40,000 touches (three blocks of the spool) of cases in a shuffled order, with cases
    /// that touch nothing between: read back from the spool, each case has the events it
    /// touched in order, with the days of the first and the last, as kept in memory.
    @Test func touchesComeBackByCaseFromTheSpool() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-touches-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spooled = try CaseTouches(spoolingIn: folder)
        let kept = CaseTouches()
        for id in UInt64(1)...40_000 {
            let caseIndex = Int32(id * 7_919 % 1_000) * 2  // odd cases touch nothing
            for touches in [spooled, kept] { touches.append(id: id, caseIndex: caseIndex, day: Int32(id / 10)) }
        }
        let byCase = spooled.byCase()
        try spooled.check()
        #expect(byCase == kept.byCase())
        #expect(byCase.count == 1_999 && byCase[1].ids.isEmpty)
        #expect(byCase[0].ids.count == 40 && byCase[0].ids.prefix(2) == [1_000, 2_000])
        #expect(byCase[0].firstDay == 100 && byCase[0].lastDay == 4_000)
    }

    /// A whole run's ground truth is the same with its touches spooled.
    @Test func theTruthIsTheSameWithTheTouchesSpooled() throws {
        let scenario = try WorldFixtures.scenario("default")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-truth-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let touches = try CaseTouches(spoolingIn: folder)
        let (spooled, _) = WorldRun.run(scenario, seed: scenario.seed, sink: EventCollector(), touches: touches)
        try touches.check()
        let kept = WorldFixtures.run(scenario).summary.truth
        #expect(spooled.truth == kept && kept.cases.contains { $0.events.count > 1 })
    }
}
