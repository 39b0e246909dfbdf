import Foundation
import SanziRun
import SanziScenario
import Testing

@testable import SanziWorld

/// The scenario's summary (run.json's `summary`, the terminal's lines) says when news crosses
/// districts, and says nothing of it when the scenario leaves it at once.
@Suite("Scenario summary")
struct ScenarioSummaryTests {
    static func summary(newsWindowDays: Int?) throws -> (json: [String: Any], lines: [String]) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var scenario = try ScenarioLoader.loadScenario(
            contentsOf: root.appendingPathComponent("Scenarios/county-districts.xml").path
        ).value
        scenario.geography.newsWindowDays = newsWindowDays
        let summary = ScenarioSummary(scenario, seed: 1)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try JSONSerialization.jsonObject(with: encoder.encode(summary)) as? [String: Any] ?? [:]
        return (json, summary.lines(generated: Census()))
    }

    @Test func theNewsWindowIsInTheSummaryWhenSet() throws {
        let windowed = try Self.summary(newsWindowDays: 30)
        #expect(windowed.json["news_window_days"] as? Int == 30)
        #expect(windowed.lines.contains { $0.hasSuffix("; news crosses districts every 30 days") })
        let atOnce = try Self.summary(newsWindowDays: nil)
        #expect(atOnce.json["news_window_days"] == nil && atOnce.json["districts"] as? Int == 4)
        #expect(!atOnce.lines.contains { $0.contains("news") })
    }
}
