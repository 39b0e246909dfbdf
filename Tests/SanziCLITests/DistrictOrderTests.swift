import Foundation
import Testing

/// sanzi-bench's D1, D2 and D3 run one world of districts in three orders of work: the whole
/// world on one event list, each district on its own over windows of days, and the same with
/// each window's districts on threads. Nothing crosses districts in that world, so every order
/// must leave every village with the same history, whatever the threads do.
@Suite("The benchmark's districts: the order of work changes no village's history")
struct DistrictOrderTests {
    let cli = CommandLineTests()

    /// The JSON line of each workload sanzi-bench printed, by name.
    func rows(windowDays: Int, jobs: Int = 2) throws -> [String: [String: Double]] {
        let bench = CommandLineTests.executable.deletingLastPathComponent().appendingPathComponent("sanzi-bench")
        let arguments = [
            "--workload", "D1,D2,D3", "--repeat", "1", "--villages-per-district", "40",
            "--window-days", "\(windowDays)", "--jobs", "\(jobs)",
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

    @Test(arguments: [(1, 2), (7, 3), (30, 2), (365, 7)])
    func districtsInWindowsEndAsTheWholeWorldDoes(windowDays: Int, jobs: Int) throws {
        let rows = try rows(windowDays: windowDays, jobs: jobs)
        let whole = try #require(rows["D1"])
        #expect((whole["events"] ?? 0) > 10_000)
        for name in ["D2", "D3"] {
            let byDistrict = try #require(rows[name])
            #expect(byDistrict["events"] == whole["events"], "\(name)")
            #expect(byDistrict["state_digest"] == whole["state_digest"], "\(name)")
            #expect((byDistrict["order_ratio"] ?? 0) > 0, "\(name)")
        }
    }
}
