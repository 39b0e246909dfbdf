import ArgumentParser
import Foundation
import SanziEngine

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanzi-bench",
        abstract: "Measure the discrete-event engine on the reference workloads.",
        discussion: """
            Workloads, written against the engine's public API:
              A1        1,000 processes, each waiting Exp(1) and rescheduling
                        itself: ~2 M events
              A2        the same with 100,000 processes (~100 k pending)
              B         M/M/c queue, c = 10, λ = 9, μ = 1: ~450 k customers;
                        mean wait in queue beside the Erlang-C value
              limit     A1 as one hand-written loop over a bare heap: the
                        bare cost of the work the engine wraps
              limit-A2  the same loop with A2's 100,000 processes
              D1        a world larger than the caches: 40 districts of 5,000
                        villages (--villages-per-district), each a 512-byte
                        record acting every 1-59 days over a year (~2.4 M
                        events), on one event list
              D2        the same world, each district on an event list of
                        its own, one district after another over windows
                        of --window-days: the same villages' histories
                        (both print the same state_digest) in another order
                        of work; order_ratio is D2's events/s over D1's
                        when D1 ran first
              D3        D2 with each window's districts on --jobs threads
                        (default: the machine's cores); the same state_digest.
                        None of D1-D3 runs unless asked:
                          sanzi-bench --workload D1,D2,D3

            Prints one JSON object per line, e.g.
              {"workload": "A1", "events": …, "seconds": …,
               "events_per_second": …, "peak_rss_mib": …, "limit_ratio": …}
            seconds is the median of --repeat runs; peak_rss_mib the peak
            resident memory while the workload ran (reset before each one);
            limit_ratio the limit row's events/s over this workload's (A2
            against limit-A2, the others against limit, when that row ran
            first). B adds customers, customers_per_second, mean_wait and
            erlang_c_wait; D1-D3 add state_digest, D2 and D3 order_ratio.

            Build in release mode, or the numbers mean nothing:
              swift run -c release sanzi-bench
              swift run -c release sanzi-bench --workload A2 --repeat 5
            Tools/bench/compare.sh runs SimPy on the same workloads and
            prints the ratios.
            """
    )

    @Option(help: "Workloads to run, comma-separated (limit, A1, limit-A2, A2, B, D1, D2, D3).")
    var workload = "limit,A1,limit-A2,A2,B"

    @Option(help: "Runs per workload; the median time is reported.")
    var `repeat` = 3

    @Option(help: "Seed of the random streams.")
    var seed: UInt64 = 1

    @Option(help: "D2's and D3's window: days each district runs before the next takes its turn (1-365).")
    var windowDays = 30

    @Option(help: "Villages in each of D1-D3's 40 districts (1-20000; 512 bytes each).")
    var villagesPerDistrict = 5_000

    @Option(help: "D3's threads (1-64): by default, the machine's cores.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard (1...365).contains(windowDays) else { throw ValidationError("--window-days must be 1 to 365") }
        guard (1...20_000).contains(villagesPerDistrict) else {
            throw ValidationError("--villages-per-district must be 1 to 20000")
        }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64") }
        let unknown = names.filter { !["A1", "A2", "B", "limit", "limit-A2", "D1", "D2", "D3"].contains($0) }
        guard unknown.isEmpty else { throw ValidationError("unknown workload \(unknown.joined(separator: ", "))") }
    }

    var names: [String] { workload.split(separator: ",").map(String.init) }

    func run() {
        // Events per second of the rows others are measured against: the limits, and D1.
        var referenceRates: [String: Double] = [:]
        for name in names {
            var row = measure(name)
            if name.hasPrefix("limit") || name == "D1" {
                referenceRates[name] = row.eventsPerSecond
            } else if name == "D2" || name == "D3" {
                if let whole = referenceRates["D1"] { row.fields.append(("order_ratio", row.eventsPerSecond / whole)) }
            } else if let limit = referenceRates[name == "A2" ? "limit-A2" : "limit"] {
                row.fields.append(("limit_ratio", limit / row.eventsPerSecond))
            }
            print(row.json)
        }
    }

    struct Row {
        var workload: String
        var events: Int
        var seconds: Double
        var peak: Double
        var fields: [(String, Double)] = []

        var eventsPerSecond: Double { Double(events) / seconds }

        var json: String {
            var parts = [
                "\"workload\": \"\(workload)\"", "\"events\": \(events)", "\"seconds\": \(format(seconds))",
                "\"events_per_second\": \(format(eventsPerSecond))", "\"peak_rss_mib\": \(format(peak))",
            ]
            parts += fields.map { "\"\($0.0)\": \(format($0.1))" }
            return "{" + parts.joined(separator: ", ") + "}"
        }

        private func format(_ value: Double) -> String {
            value >= 1000 ? String(Int(value.rounded())) : String(Double(Int((value * 10_000).rounded())) / 10_000)
        }
    }

    func measure(_ name: String) -> Row {
        PeakMemory.reset()
        var times: [Double] = []
        var events = 0
        var customers = 0
        var meanWait = 0.0
        var digest: UInt64 = 0
        for _ in 0..<`repeat` {
            let start = Self.clock()
            switch name {
            case "A1": events = ExponentialProcesses.run(processes: 1_000, horizon: 2_000, seed: seed)
            case "A2": events = ExponentialProcesses.run(processes: 100_000, horizon: 20, seed: seed)
            case "limit": events = LimitLoop.run(processes: 1_000, horizon: 2_000, seed: seed)
            case "limit-A2": events = LimitLoop.run(processes: 100_000, horizon: 20, seed: seed)
            case "D1":
                (events, digest) = DistrictWorld.runWhole(villagesPerDistrict: villagesPerDistrict, seed: seed)
            case "D2", "D3":
                (events, digest) = DistrictWorld.runByDistrict(
                    villagesPerDistrict: villagesPerDistrict, windowDays: windowDays, threads: name == "D3" ? jobs : 1,
                    seed: seed)
            default:
                (events, customers, meanWait) = ServerQueue.run(
                    servers: 10, arrivalRate: 9, serviceRate: 1, horizon: 50_000, seed: seed)
            }
            times.append(Self.clock() - start)
        }
        let seconds = times.sorted()[times.count / 2]
        var row = Row(workload: name, events: events, seconds: seconds, peak: PeakMemory.mebibytes())
        if name.hasPrefix("D") { row.fields = [("state_digest", Double(digest))] }
        if name == "B" {
            row.fields = [
                ("customers", Double(customers)), ("customers_per_second", Double(customers) / seconds),
                ("mean_wait", meanWait),
                ("erlang_c_wait", ServerQueue.erlangCWait(servers: 10, arrivalRate: 9, serviceRate: 1)),
            ]
        }
        return row
    }

    static func clock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
