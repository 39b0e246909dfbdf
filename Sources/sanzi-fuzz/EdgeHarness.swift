import SanziAlerts
import SanziRun
import SanziScenario

/// Scenarios at the edges: the fuzz input picks, for each number of a base scenario (four
/// villages over six months), either its own value or an extreme one; a scenario that
/// validates and fits a small budget of events and memory is simulated with the rules on, as `sanzi run`
/// does without writing files. Whatever validation accepts must run.
enum EdgeHarness {
    static let base = String(decoding: PackageResources.edges_base_xml, as: UTF8.self)

    /// Values tried for a plain number and for a range `min-max`.
    static let numbers = [
        "0", "0.001", "0.5", "1", "2", "7", "50", "101", "1000", "100000", "1000000", "999999999999.99",
    ]
    static let ranges = ["0-0", "1-1", "0-1", "1-100", "100-1000", "1000000-1000000", "0-999999999999.99"]

    /// Where each number of the base is: its range in the text and whether it is a range.
    static let slots: [(range: Range<String.Index>, isRange: Bool)] = {
        var slots: [(Range<String.Index>, Bool)] = []
        var inComment = false
        var index = base.startIndex
        while index < base.endIndex {
            if base[index...].hasPrefix("<!--") { inComment = true }
            if base[index...].hasPrefix("-->") { inComment = false }
            if !inComment, base[index] == "=", base.index(after: index) < base.endIndex,
                base[base.index(after: index)] == "\""
            {
                let start = base.index(index, offsetBy: 2)
                if let end = base[start...].firstIndex(of: "\"") {
                    let value = base[start..<end]
                    // A number ("12.5") or a range ("1-3"); dates have two dashes and stay.
                    let isNumber =
                        value.first?.isNumber == true && value.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }
                    if isNumber, value.filter({ $0 == "-" }).count <= 1 {
                        slots.append((start..<end, value.contains("-")))
                    }
                }
            }
            index = base.index(after: index)
        }
        return slots
    }()

    /// The budget a fuzzed scenario may ask for; larger ones are refused, as `--max-memory` does.
    /// About 25 times the base's own estimate of events (747) and worlds of some 130,000 items,
    /// people and bidders (the base's estimate is 40 MiB): every extreme amount, rate and share
    /// still runs, while an input that only multiplies the world's size is refused before it
    /// costs seconds (for those what matters is that the estimate refuses them, which the tests
    /// check).
    static let eventBudget = 20_000
    static let memoryBudget = 56 << 20

    static func run(_ bytes: [UInt8]) {
        let text = scenario(from: bytes)
        guard let loaded = try? ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: "edge.xml"),
            RuleCatalogue.problems(in: loaded.value).isEmpty,
            case let estimate = ResourceEstimate(loaded.value),
            estimate.events <= eventBudget, estimate.memoryBytes <= memoryBudget,
            let rules = try? AlertEngine(settings: loaded.value.alerts)
        else { return }
        _ = RunPipeline.simulate(loaded.value, seed: loaded.value.seed, rules: rules)
    }

    /// The base with its numbers replaced as the bytes choose: byte i (if any) for slot i;
    /// below 192 keeps the value, above picks a candidate.
    static func scenario(from bytes: [UInt8]) -> String {
        var text = ""
        var cursor = base.startIndex
        for (index, slot) in slots.enumerated() {
            text += base[cursor..<slot.range.lowerBound]
            let choice = index < bytes.count ? Int(bytes[index]) : 0
            if choice < 192 {
                text += base[slot.range]
            } else {
                let candidates = slot.isRange ? ranges : numbers
                text += candidates[(choice - 192) % candidates.count]
            }
            cursor = slot.range.upperBound
        }
        return text + base[cursor...]
    }
}
