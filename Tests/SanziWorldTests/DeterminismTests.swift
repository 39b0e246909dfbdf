import Foundation
import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

@Suite("Run determinism")
struct WorldDeterminismTests {
    func eventLog(_ scenario: Scenario, seed: UInt64) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sanzi-events-\(UUID().uuidString).jsonl"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try EventLogWriter(
            path: path, villageIDs: scenario.geography.villages.map(\.id),
            dateOfDay: { scenario.start.adding(days: Int($0)).description })
        _ = WorldRun.run(scenario, seed: seed, sink: writer)
        try writer.finish()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func sameScenarioAndSeedGiveByteIdenticalLogs() throws {
        let scenario = try WorldFixtures.scenario("default")
        let first = try eventLog(scenario, seed: 9)
        #expect(first.count > 100_000)
        #expect(try eventLog(scenario, seed: 9) == first)
        #expect(try eventLog(scenario, seed: 10) != first)
    }

    @Test func theLogIsOneJSONObjectPerLine() throws {
        let scenario = try WorldFixtures.scenario("default")
        let lines = try eventLog(scenario, seed: 1).split(separator: UInt8(ascii: "\n"))
        for line in lines.prefix(2_000) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object?["id"] is Int && object?["date"] is String && object?["type"] is String)
        }
    }
}
