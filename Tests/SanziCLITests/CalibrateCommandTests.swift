import Foundation
import Testing

/// `sanzi calibrate` from the command line: its outputs, the scenario it writes, and the errors
/// of a targets file that does not fit the scenario.
@Suite("Calibration from the command line")
struct CalibrateCommandTests {
    let cli = CommandLineTests()

    static let targets = """
        <?xml version="1.0" encoding="UTF-8"?>
        <calibration xmlns="urn:sanzi:scenario:1" schema-version="1">
          <parameter element="oversight" attribute="petition-propensity" min="0.01" max="0.05"/>
          <target name="Petitions in 2014" statistic="petitions" from="2014-01-01" to="2014-12-31" value="20" tolerance="5"/>
        </calibration>
        """

    @Test func calibrationWritesItsFilesAndAScenarioThatRuns() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let targets = folder.appendingPathComponent("targets.xml")
        try Data(Self.targets.utf8).write(to: targets)
        let out = folder.appendingPathComponent("calibration")
        let result = try cli.sanzi(
            "calibrate", "Scenarios/default.xml", "--targets", targets.path, "--seeds", "1", "--check-seeds", "2",
            "--rounds", "1", "--points", "3", "--out", out.path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("parameter     oversight/@petition-propensity 0.02 → "))
        for name in ["calibrated.xml", "calibration.json", "calibration.md", "calibration.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("calibration.json")))
                as? [String: Any])
        #expect(summary["simulations"] as? Int == 4, "the start and the grid's three values, on one seed")
        let target = try #require((summary["targets"] as? [[String: Any]])?.first)
        #expect(target["observed"] as? Double == 20 && target["check_mean"] != nil)
        let validate = try cli.sanzi("validate", out.appendingPathComponent("calibrated.xml").path, targets.path)
        #expect(
            validate.status == 0 && validate.output.contains("valid calibration targets file"), "\(validate.errors)")
        let original = try String(
            contentsOfFile: CommandLineTests.root.appendingPathComponent("Scenarios/default.xml").path, encoding: .utf8)
        let written = try String(contentsOf: out.appendingPathComponent("calibrated.xml"), encoding: .utf8)
        let value = try #require((summary["parameters"] as? [[String: Any]])?.first?["calibrated"] as? Double)
        let changed = zip(original.split(separator: "\n"), written.split(separator: "\n")).filter { $0 != $1 }
        #expect(original.split(separator: "\n").count == written.split(separator: "\n").count)
        if value == 0.02 {
            #expect(changed.isEmpty)
        } else {
            #expect(changed.count == 1 && changed.first?.1.contains("petition-propensity=\"\(value)\"") == true)
        }
    }

    @Test func aTargetsFileThatDoesNotFitIsAnErrorAtItsLine() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let targets = folder.appendingPathComponent("targets.xml")
        let wrong = Self.targets.replacingOccurrences(
            of: #"element="oversight""#, with: #"element="typology" id="nope""#)
        try Data(wrong.utf8).write(to: targets)
        let result = try cli.sanzi("calibrate", "Scenarios/default.xml", "--targets", targets.path, "-q")
        #expect(result.status == 65)
        #expect(
            result.errors.contains("targets.xml:3:3: error: the scenario has no <typology> with id \"nope\""),
            "\(result.errors)")
        let range = Self.targets.replacingOccurrences(of: #"max="0.05""#, with: #"max="5""#)
        try Data(range.utf8).write(to: targets)
        let refused = try cli.sanzi("calibrate", "Scenarios/default.xml", "--targets", targets.path, "-q")
        #expect(refused.status == 65 && refused.errors.contains("petition-propensity"), "\(refused.errors)")
        let rounds = try cli.sanzi("calibrate", "Scenarios/default.xml", "--targets", targets.path, "--rounds", "0")
        #expect(rounds.status == 64)
        let jobs = try cli.sanzi("calibrate", "Scenarios/default.xml", "--targets", targets.path, "--jobs", "0")
        #expect(jobs.status == 64 && jobs.errors.contains("--jobs must be at least 1"), "\(jobs.errors)")
    }
}
