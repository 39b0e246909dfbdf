import SanziAlerts
import SanziOutput
import SanziScenario

/// What `sanzi calibrate` found, as calibration.json holds it (docs/calibration.md).
public struct CalibrationSummary: Sendable, Encodable {
    public struct Parameter: Sendable, Encodable {
        public var name: String
        public var min: Double
        public var max: Double
        public var start: Double
        public var calibrated: Double
    }

    /// A target with the simulated mean and spread at the start and calibrated, on the search's
    /// seeds and, when given, on held-out check seeds.
    public struct Target: Sendable, Encodable {
        public var name: String
        public var observed: Double
        public var tolerance: Double
        @NullWhenAbsent public var startMean: Double?
        @NullWhenAbsent public var calibratedMean: Double?
        @NullWhenAbsent public var calibratedSd: Double?
        public var within: Bool
        @NullWhenAbsent public var checkMean: Double?
        @NullWhenAbsent public var checkSd: Double?
        @NullWhenAbsent public var checkWithin: Bool?
    }

    public var scenario: String
    public var method: String
    public var seeds: [UInt64]
    public var checkSeeds: [UInt64]
    public var rounds: Int
    public var points: Int
    public var simulations: Int
    /// Distances; null for a setting the scenario refused (none the search keeps).
    @NullWhenAbsent public var startDistance: Double?
    @NullWhenAbsent public var calibratedDistance: Double?
    @NullWhenAbsent public var checkDistance: Double?
    public var parameters: [Parameter]
    public var targets: [Target]
    public var steps: [Calibrator.Step]

    public init(
        scenario: String, calibrator: Calibrator, outcome: Calibrator.Outcome, rounds: Int, points: Int,
        checkSeeds: [UInt64], check: Calibrator.Fit?
    ) {
        self.scenario = scenario
        method = "coordinate descent on a shrinking grid; distance = Σ ((mean − observed) / tolerance)²"
        seeds = calibrator.seeds
        self.checkSeeds = checkSeeds
        self.rounds = rounds
        self.points = points
        simulations = calibrator.settingsSimulated * calibrator.seeds.count
        startDistance = Self.rounded(outcome.startFit.distance)
        calibratedDistance = Self.rounded(outcome.calibratedFit.distance)
        checkDistance = check.flatMap { Self.rounded($0.distance) }
        parameters = calibrator.targets.parameters.enumerated().map { index, parameter in
            Parameter(
                name: parameter.description, min: parameter.range.lowerBound, max: parameter.range.upperBound,
                start: outcome.start[index], calibrated: outcome.calibrated[index])
        }
        targets = calibrator.targets.targets.enumerated().map { index, target in
            func within(_ mean: Double?) -> Bool { mean.map { abs($0 - target.value) <= target.tolerance } ?? false }
            let mean = outcome.calibratedFit.means[index]
            return Target(
                name: target.name, observed: target.value, tolerance: target.tolerance,
                startMean: outcome.startFit.means[index].flatMap(Self.rounded),
                calibratedMean: mean.flatMap(Self.rounded),
                calibratedSd: outcome.calibratedFit.deviations[index].flatMap(Self.rounded), within: within(mean),
                checkMean: check?.means[index].flatMap(Self.rounded),
                checkSd: check?.deviations[index].flatMap(Self.rounded),
                checkWithin: check.map { within($0.means[index]) })
        }
        steps = outcome.steps
    }

    /// Three decimals; nil for a value that is not finite.
    static func rounded(_ value: Double) -> Double? { value.isFinite ? (value * 1000).rounded() / 1000 : nil }
}
