import Foundation
import Testing

/// sanzi-bench's D1 and D2 run one world of districts in two orders of work: the whole world on
/// one event list, and each district on its own over windows of days. Nothing crosses districts
/// in that world, so every order must leave every village with the same history.
@Suite("The benchmark's districts: the order of work changes no village's history")
struct DistrictOrderTests {
    let cli = CommandLineTests()

    /// The JSON line of each workload sanzi-bench printed, by name.
    func rows(windowDays: Int) throws -> [String: [String: Double]] {
        let bench = CommandLineTests.executable.deletingLastPathComponent().appendingPathComponent("sanzi-bench")
        let arguments = [
            "--workload", "D1,D2", "--repeat", "1", "--villages-per-district", "40", "--window-days", "\(windowDays)",
        ]
        let result = try cli.run(bench, arguments)
        #expect(result.status == 0, "\(result.errors)")
        var rows: [String: [String: Double]] = [:]
        for line in result.output.split(separator: "\n") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = try #require(object["workload"] as? String)
            rows[name] = object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
        }
        return rows
    }

    @Test(arguments: [1, 7, 30, 365])
    func districtsInWindowsEndAsTheWholeWorldDoes(windowDays: Int) throws {
        let rows = try rows(windowDays: windowDays)
        let whole = try #require(rows["D1"])
        let byDistrict = try #require(rows["D2"])
        #expect((whole["events"] ?? 0) > 10_000)
        #expect(byDistrict["events"] == whole["events"])
        #expect(byDistrict["state_digest"] == whole["state_digest"])
        #expect((byDistrict["order_ratio"] ?? 0) > 0)
    }
}
