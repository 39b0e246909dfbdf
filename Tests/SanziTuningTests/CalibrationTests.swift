import Foundation
import SanziEvents
import Testing

@testable import SanziScenario
@testable import SanziTuning

/// `sanzi calibrate`'s search: it recovers a value hidden in a scenario from the statistics
/// that scenario produces.
@Suite("Calibration")
struct CalibrationTests {
    /// The default town without misconduct: its petitions are one-off, at a rate that grows
    /// with petition-propensity (seeds 1–3: 28.0, 33.0, 37.7, 45.0, 54.0, 67.7 petitions at
    /// 0.005, 0.02, 0.03, 0.05, 0.07, 0.1). With misconduct on, grievances add petitions that
    /// spread from seed to seed (52, 88, 55 at 0.02) by more than the parameter moves their mean
    /// (61.3 at 0.017, 65.0 at 0.02, 72.7 at 0.05): three seeds cannot pin it down.
    static let text =
        ((try? String(contentsOfFile: "\(TunerTests.root)/Scenarios/default.xml", encoding: .utf8)) ?? "")
        .replacingOccurrences(of: #"<misconduct enabled="true""#, with: #"<misconduct enabled="false""#)

    static func targets(petitions value: Double, tolerance: Double) throws -> CalibrationTargets {
        let text = """
            <calibration xmlns="urn:sanzi:scenario:1" schema-version="1">
              <parameter element="oversight" attribute="petition-propensity" min="0.005" max="0.1"/>
              <target name="Petitions" statistic="petitions" from="2013-01-01" to="2015-12-31" value="\(value)" tolerance="\(tolerance)"/>
            </calibration>
            """
        guard
            case .calibration(let targets) = try ScenarioLoader.loadDocument(bytes: Array(text.utf8), path: "t.xml")
                .value
        else { throw CancellationError() }
        return targets
    }

    /// The town with petition-propensity 0.05 files some number of petitions over seeds 1–3;
    /// started from the file's 0.02, the search lands within 5% of that number, at a value
    /// near the hidden one, and writes it into the scenario's text.
    @Test func theSearchRecoversAHiddenValue() throws {
        #expect(Self.text.contains(#"<misconduct enabled="false""#))
        let hidden = Self.text.replacingOccurrences(
            of: #"petition-propensity="0.02""#, with: #"petition-propensity="0.05""#)
        #expect(hidden != Self.text)
        var probe = try Calibrator(
            scenario: Array(hidden.utf8), path: "hidden.xml", targets: Self.targets(petitions: 1, tolerance: 1),
            seeds: [1, 2, 3])
        #expect(probe.start == [0.05])
        probe.cores = 1
        let fit = probe.fit([0.05], on: [1, 2, 3])
        probe.cores = 3
        #expect(probe.fit([0.05], on: [1, 2, 3]) == fit, "the seeds simulated three at once fit as one by one")
        let observed = try #require(fit.means[0])
        var calibrator = try Calibrator(
            scenario: Array(Self.text.utf8), path: "default.xml",
            targets: Self.targets(petitions: observed, tolerance: 0.05 * observed), seeds: [1, 2, 3])
        #expect(calibrator.start == [0.02])
        let outcome = calibrator.calibrate(rounds: 3, points: 5)
        let mean = try #require(outcome.calibratedFit.means[0])
        #expect(abs(mean - observed) <= 0.05 * observed, "\(mean) petitions against \(observed)")
        #expect(outcome.calibratedFit.distance < outcome.startFit.distance)
        #expect((0.035...0.065).contains(outcome.calibrated[0]), "recovered \(outcome.calibrated[0])")
        let written = String(decoding: outcome.scenario, as: UTF8.self)
        #expect(written.contains(#"petition-propensity="\#(AlertSettings.decimal(outcome.calibrated[0]))""#))
        #expect(
            try ScenarioLoader.loadScenario(bytes: outcome.scenario, path: "c.xml").value.oversight.petitionPropensity
                == outcome.calibrated[0])
    }

    /// A grid over a whole-number range holds whole numbers once each.
    @Test func wholeNumberGridsAreRounded() {
        #expect(Calibrator.grid(1...3, points: 5, whole: true) == [1, 2, 3])
        #expect(Calibrator.grid(0...1, points: 5, whole: false) == [0, 0.25, 0.5, 0.75, 1])
    }

    /// A parameter whose range the scenario cannot take is refused before any search.
    @Test func aRangeTheScenarioRefusesIsAnError() throws {
        var targets = try Self.targets(petitions: 1, tolerance: 1)
        targets.parameters[0].range = 0.5...2
        #expect(throws: ScenarioError.self) {
            try Calibrator(scenario: Array(Self.text.utf8), path: "default.xml", targets: targets, seeds: [1])
        }
    }

    /// A charge share counts the sanctions in the period whose charge is among the whole's
    /// (every charge by default), and a group share the investigations that sanctioned several.
    @Test func chargeAndGroupSharesCountAsDocumented() throws {
        let scenario = try ScenarioLoader.loadScenario(bytes: Array(Self.text.utf8), path: "default.xml").value
        let year = CalibrationTargets.Period(
            from: try #require(CalendarDate(iso: "2013-01-01")), to: try #require(CalendarDate(iso: "2013-12-31")))
        let targets = [
            CalibrationTargets.Statistic.chargeShare(year, charges: [.bribery], among: [.bribery, .misappropriation]),
            .chargeShare(year, charges: [.bribery], among: Set(LogRecord.Charge.allCases)),
            .groupShare(year),
        ].map {
            CalibrationTargets.Target(
                name: "t", statistic: $0, districtID: nil, agricultural: false, value: 0, tolerance: 1,
                location: .init(file: "t.xml", line: 1, column: 1))
        }
        let counter = TargetCounter(targets, scenario: scenario)
        let sanctions: [(day: Int32, investigation: Int64, charge: LogRecord.Charge)] = [
            (10, 1, .bribery), (10, 1, .bribery), (20, 2, .misappropriation), (30, 3, .discipline),
            (40, 4, .discipline), (400, 5, .bribery),  // the last after the period
        ]
        for (index, sanction) in sanctions.enumerated() {
            counter.accept(
                LoggedEvent(
                    id: UInt64(index), day: sanction.day,
                    record: LogRecord(
                        .sanction, village: 0, other: sanction.investigation,
                        count2: Int32(sanction.charge.rawValue))))
        }
        let expected: [Double?] = [200.0 / 3, 40, 25]
        #expect(counter.values == expected)
    }
}
