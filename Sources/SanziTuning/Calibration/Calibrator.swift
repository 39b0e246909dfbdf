import SanziAlerts
import SanziOutput
import SanziRun
import SanziScenario

/// Searches the scenario settings a targets file names for the values whose simulated
/// statistics come nearest the observed ones (docs/calibration.md, "Calibrating a scenario").
///
/// The distance of a setting is the sum over targets of ((mean over the seeds − observed) /
/// tolerance)²: a target met within its tolerance adds less than 1. The search is coordinate
/// descent on a shrinking grid: each round tries, for one parameter after the other, `points`
/// values evenly spread over its current interval (the whole range in the first round) with the
/// others held, keeps the best, and narrows that parameter's interval to two grid steps around
/// it for the next round. Every setting is simulated on every seed, with the scenario's own
/// alert settings deployed (the closed loop runs); results are cached.
public struct Calibrator {
    /// A setting's fit: each target's mean and standard deviation over the seeds (nil when a
    /// change had nothing to compare with on every seed), and the distance.
    public struct Fit: Sendable, Hashable {
        public var means: [Double?]
        public var deviations: [Double?]
        public var distance: Double
    }

    /// One setting the search tried, and its distance (nil when the scenario refused it).
    public struct Step: Sendable, Hashable, Encodable {
        public var round: Int
        public var parameter: String
        public var values: [Double]
        @NullWhenAbsent public var distance: Double?
    }

    public struct Outcome: Sendable {
        public var start: [Double]
        public var calibrated: [Double]
        public var startFit: Fit
        public var calibratedFit: Fit
        public var steps: [Step]
        /// The calibrated scenario's bytes.
        public var scenario: [UInt8]
    }

    /// A target the search cannot compute counts this much (as if it missed by ten tolerances).
    static let unmeasured = 100.0

    public let targets: CalibrationTargets
    public let seeds: [UInt64]
    /// Seeds simulated at once (cores left over go to each run's pipeline): the same fits
    /// whatever it is.
    public var cores = RunPipeline.cores
    private let editor: ScenarioEditor
    private let path: String
    private var cache: [[Double]: Fit] = [:]

    /// Checks that every parameter names one element of the scenario, that the scenario loads
    /// at each end of every range, and that every target's district exists.
    public init(scenario bytes: [UInt8], path: String, targets: CalibrationTargets, seeds: [UInt64])
        throws(ScenarioError)
    {
        editor = try ScenarioEditor(bytes: bytes, path: path, parameters: targets.parameters)
        self.targets = targets
        self.seeds = seeds
        self.path = path
        let start = self.start
        let scenario = try ScenarioLoader.loadScenario(bytes: bytes, path: path).value
        var problems: [Diagnostic] = []
        for target in targets.targets {
            if let id = target.districtID, scenario.geography.district(id) == nil {
                problems.append(Diagnostic(.error, at: target.location, "the scenario has no district \"\(id)\""))
            }
            switch target.statistic {
            case .surveyAware(let name), .surveyApproving(let name):
                if !scenario.surveys.surveys.contains(where: { $0.name == name }) {
                    problems.append(Diagnostic(.error, at: target.location, "the scenario has no survey \"\(name)\""))
                }
            default: break
            }
        }
        guard problems.isEmpty else { throw .invalid(path: targets.targets[0].location.file, diagnostics: problems) }
        for (index, parameter) in targets.parameters.enumerated() {
            for end in [parameter.range.lowerBound, parameter.range.upperBound] {
                var values = start
                values[index] = end
                _ = try load(values)
            }
        }
    }

    /// Where the search starts: each parameter's value in the scenario, brought into its range
    /// (the middle of it when the scenario leaves the attribute out).
    public var start: [Double] {
        zip(targets.parameters, editor.values).map { parameter, value in
            let range = parameter.range
            let value = min(max(value ?? (range.lowerBound + range.upperBound) / 2, range.lowerBound), range.upperBound)
            return parameter.whole ? value.rounded() : value
        }
    }

    /// Settings simulated so far (each on every seed).
    public var settingsSimulated: Int { cache.count }

    /// The scenario with the parameters set to `values`.
    public func load(_ values: [Double]) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.loadScenario(bytes: editor.scenario(with: values), path: path).value
    }

    /// Runs the search: `rounds` rounds of `points` values per parameter.
    public mutating func calibrate(rounds: Int, points: Int, progress: (String) -> Void = { _ in }) -> Outcome {
        let start = self.start
        var best = start
        var bestFit = fit(best, progress: progress)
        let startFit = bestFit
        var intervals = targets.parameters.map(\.range)
        var steps: [Step] = []
        for round in 1...max(1, rounds) {
            for (index, parameter) in targets.parameters.enumerated() {
                let grid = Self.grid(intervals[index], points: max(2, points), whole: parameter.whole)
                for value in grid where value != best[index] {
                    var candidate = best
                    candidate[index] = value
                    let candidateFit = fit(candidate, progress: progress)
                    steps.append(
                        Step(
                            round: round, parameter: parameter.description, values: candidate,
                            distance: CalibrationSummary.rounded(candidateFit.distance)))
                    if candidateFit.distance < bestFit.distance {
                        (best, bestFit) = (candidate, candidateFit)
                    }
                }
                let step = (intervals[index].upperBound - intervals[index].lowerBound) / Double(max(1, points - 1))
                intervals[index] =
                    max(
                        parameter.range.lowerBound, best[index] - step)...min(
                        parameter.range.upperBound, best[index] + step)
            }
        }
        return Outcome(
            start: start, calibrated: best, startFit: startFit, calibratedFit: bestFit, steps: steps,
            scenario: editor.scenario(with: best))
    }

    /// `points` values evenly spread over `interval`, rounded for whole-number parameters.
    static func grid(_ interval: ClosedRange<Double>, points: Int, whole: Bool) -> [Double] {
        let width = interval.upperBound - interval.lowerBound
        let values = (0..<points).map { interval.lowerBound + width * Double($0) / Double(points - 1) }
        guard whole else { return values }
        var seen: Set<Double> = []
        return values.map { $0.rounded() }.filter { seen.insert($0).inserted }
    }

    /// The fit of a setting on the search's seeds (cached).
    public mutating func fit(_ values: [Double], progress: (String) -> Void = { _ in }) -> Fit {
        if let known = cache[values] { return known }
        progress(
            "simulating    "
                + zip(targets.parameters, values).map { "\($0) = \(AlertSettings.decimal($1))" }
                .joined(separator: ", "))
        let result = fit(values, on: seeds)
        cache[values] = result
        return result
    }

    /// The fit of a setting on any seeds (the search's or held-out ones).
    public func fit(_ values: [Double], on seeds: [UInt64]) -> Fit {
        guard let scenario = try? load(values), let rules = try? AlertEngine(settings: scenario.alerts) else {
            return Fit(
                means: targets.targets.map { _ in nil }, deviations: targets.targets.map { _ in nil },
                distance: .infinity)
        }
        var samples = targets.targets.map { _ in [Double]() }
        let (atOnce, each) = RunPipeline.sharing(cores, among: seeds.count)
        let counted = Concurrently.map(seeds, cores: atOnce) { seed in
            let counter = TargetCounter(targets.targets, scenario: scenario)
            _ = RunPipeline.simulate(scenario, seed: seed, rules: rules, consumers: [counter], jobs: each)
            return counter.values
        }
        for values in counted {
            for (index, value) in values.enumerated() { if let value { samples[index].append(value) } }
        }
        let means = samples.map { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) }
        let deviations = samples.map { values -> Double? in
            guard values.count > 1 else { return values.isEmpty ? nil : 0 }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        }
        let distance = zip(targets.targets, means).reduce(0.0) { sum, pair in
            guard let mean = pair.1 else { return sum + Self.unmeasured }
            let miss = (mean - pair.0.value) / pair.0.tolerance
            return sum + miss * miss
        }
        return Fit(means: means, deviations: deviations, distance: distance)
    }
}
