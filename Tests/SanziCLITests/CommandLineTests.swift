import Foundation
import SanziOutput
import SanziScenario
import SanziTruth
import Testing

@testable import SanziCLI

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs the built `sanzi` executable as a user would, checking exit codes and output.
@Suite("The sanzi command line")
struct CommandLineTests {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `sanzi` binary beside the test bundle.
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sanzi").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("sanzi")
    }()

    func sanzi(_ arguments: String..., in directory: URL = root) throws -> Result {
        try run(Self.executable, arguments, in: directory)
    }

    /// Runs `sanzi` with an argument list.
    func sanzi(_ arguments: [String], in directory: URL = root) throws -> Result {
        try run(Self.executable, arguments, in: directory)
    }

    /// Runs `executable` and collects its exit status and output.
    func run(_ executable: URL, _ arguments: [String], in directory: URL = root) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            errors: String(decoding: errData, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func noArgumentsRunsTheBuiltInDefaultScenario() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try sanzi(in: folder)
        #expect(result.status == 0)
        #expect(result.output.contains("Default town: ten villages, three years"))
        #expect(result.output.contains("10 villages"))
        #expect(result.errors.isEmpty, "the default scenario uses nothing the simulator ignores")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/cases.csv").path))
        let record = try Data(contentsOf: folder.appendingPathComponent("out/run.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: record) as? [String: Any])
        #expect(json["seed"] as? Int == 20_130_101)
        #expect(json["simulated"] as? Bool == true)
        #expect((json["scenario_digest"] as? String)?.hasPrefix("fnv1a64:") == true)
        let events = try String(contentsOf: folder.appendingPathComponent("out/events.jsonl"), encoding: .utf8)
        let lines = events.split(separator: "\n")
        #expect(lines.count == json["events"] as? Int)
        // Every event a case names is a line of the log (ids are line numbers from 1).
        let text = try String(contentsOf: folder.appendingPathComponent("out/cases.csv"), encoding: .utf8)
        let truth = try CaseTable.read(text, villageIDs: (1...8).map { "dongpu-v00\($0)" } + ["shanbei", "shannan"])
        #expect(truth.misconduct.count == json["cases"] as? Int)
        let named = truth.cases.flatMap(\.events)
        #expect(!named.isEmpty && named.allSatisfy { $0 >= 1 && $0 <= UInt64(lines.count) })
    }

    @Test func builtInDefaultIsScenariosDefaultXml() throws {
        let file = try Data(contentsOf: Self.root.appendingPathComponent("Scenarios/default.xml"))
        #expect(Array(file) == DefaultScenario.bytes)
    }

    @Test func runTakesAFileASeedAndAnOutputFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try sanzi(
            "run", "Scenarios/guangzhou-2012-2014.xml", "--seed", "5", "--out", folder.path, "--quiet")
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("run.json")))
            as? [String: Any]
        #expect(json?["seed"] as? Int == 5)
        #expect(json?["scenario"] as? String == "Guangzhou six districts, 2012-2014")
    }

    @Test func runIntoAnUnwritableFolderExits73() throws {
        let result = try sanzi("run", "--out", "/proc/sanzi-cannot-write")
        #expect(result.status == 73)
        #expect(result.errors.contains("/proc/sanzi-cannot-write: error: cannot create the output folder"))
    }

    @Test func validateAcceptsTheShippedScenarios() throws {
        let result = try sanzi(
            "validate", "Scenarios/default.xml", "Scenarios/guangzhou-2012-2014.xml", "Scenarios/bench-large.xml")
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").count == 3)
    }

    /// A scenario whose memory estimate is above `--max-memory` is refused at its geography,
    /// before anything is simulated or written; at the estimate it runs.
    @Test func aScenarioAboveTheMemoryBudgetIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let refused = try sanzi("run", "Scenarios/default.xml", "--max-memory", "39", "--out", out.path, "-q")
        #expect(refused.status == 65)
        #expect(
            refused.errors.contains(
                "Scenarios/default.xml:23:3: error: the scenario needs about 40 MiB (about 14,085 events and 40 MiB), above the budget of 39 MiB"
            ), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try sanzi("run", "Scenarios/default.xml", "--max-memory", "40", "--out", out.path, "-q").status == 0)
    }

    @Test func validateExitCodesFollowSysexits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let invalid = folder.appendingPathComponent("bad.xml")
        try Data("<scenario xmlns=\"urn:sanzi:scenario:1\"/>".utf8).write(to: invalid)

        let bad = try sanzi("validate", invalid.path)
        #expect(bad.status == 65)
        #expect(
            bad.errors.contains(
                "\(invalid.path):1:1: error: <scenario> lacks its required attribute name"))

        let missing = try sanzi("validate", folder.appendingPathComponent("none.xml").path)
        #expect(missing.status == 66)
        #expect(missing.errors.contains("none.xml: error: cannot read the file: No such file or directory"))

        let both = try sanzi(
            "validate", invalid.path, folder.appendingPathComponent("none.xml").path, "Scenarios/default.xml")
        #expect(both.status == 66)

        #expect(try sanzi("validate").status == 64)
        #expect(try sanzi("validate", "--no-such-option", "x.xml").status == 64)
        #expect(try sanzi("run", "--seed", "minus-one").status == 64)
    }

    /// Unknown rules are errors wherever a scenario names them, in `validate` as in `run`:
    /// in its alert settings, and in the rules whose alerts become leads.
    @Test func validateAndRunRejectUnknownRulesAtTheirPlace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/default.xml"), encoding: .utf8)
        let cases = [
            (
                "alerts.xml", text.replacingOccurrences(of: "<rule id=\"V01\">", with: "<rule id=\"V09\">"),
                "error: unknown alert rule V09"
            ),
            (
                "forward.xml",
                text.replacingOccurrences(
                    of: "<discipline lead-delay-days=\"7\"",
                    with: "<discipline lead-delay-days=\"7\" forward-rules=\"E02 V10\""),
                "error: forward-rules names unknown alert rule V10"
            ),
        ]
        for (name, contents, message) in cases {
            #expect(contents != text, "\(name): the default scenario changed; update the test")
            let file = folder.appendingPathComponent(name)
            try contents.write(to: file, atomically: true, encoding: .utf8)
            let line = contents.components(separatedBy: "\n").firstIndex {
                $0.contains(name == "alerts.xml" ? "V09" : "V10")
            }
            let place = "\(file.path):\((line ?? -1) + 1):"
            let validate = try sanzi("validate", file.path)
            #expect(validate.status == 65 && validate.errors.contains(place) && validate.errors.contains(message))
            let run = try sanzi("run", file.path, "--out", folder.appendingPathComponent("out").path, "-q")
            #expect(run.status == 65 && run.errors.contains(message))
        }
    }

    @Test func runOnAnInvalidScenarioExits65() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let invalid = folder.appendingPathComponent("bad.xml")
        try Data("<?xml version=\"1.0\"?>\n<!DOCTYPE x>\n<x/>".utf8).write(to: invalid)
        let result = try sanzi("run", invalid.path, "--out", folder.path)
        #expect(result.status == 65)
        #expect(result.errors.contains("bad.xml:2:1: error: a DOCTYPE is not allowed"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path))
    }

    @Test func schemaPrintsTheBuiltInXsd() throws {
        let result = try sanzi("schema")
        #expect(result.status == 0)
        let file = try String(
            contentsOf: Self.root.appendingPathComponent("Sources/SanziScenario/Schema/sanzi-scenario-1.xsd"),
            encoding: .utf8)
        #expect(result.output == file)
    }

    @Test func eventsDocumentationIsDocsEventsMd() throws {
        let result = try sanzi("events")
        #expect(result.status == 0)
        let file = try String(contentsOf: Self.root.appendingPathComponent("docs/events.md"), encoding: .utf8)
        #expect(result.output == file, "regenerate with: swift run sanzi events > docs/events.md")
    }

    @Test(arguments: [
        ["--help"], ["run", "--help"], ["validate", "--help"], ["schema", "--help"], ["events", "--help"],
    ])
    func helpTeachesWithExamples(arguments: [String]) throws {
        let process = try sanzi(arguments[0], arguments.count > 1 ? arguments[1] : "--help")
        #expect(process.status == 0)
        #expect(process.output.contains("sanzi"))
        #expect(process.output.lowercased().contains("example") || arguments.first == "schema")
    }
}

/// An independent validator must agree with Sanzi about the shipped scenarios.
@Suite("Independent validation")
struct IndependentValidationTests {
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: xmllint != nil, "xmllint (apt libxml2-utils) is not installed"))
    func xmllintAcceptsTheShippedScenariosAgainstTheBuiltInSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("sanzi.xsd")
        try Data(ScenarioSchema.text.utf8).write(to: schema)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.xmllint))
        process.arguments =
            ["--noout", "--schema", schema.path]
            + ["default", "guangzhou-2012-2014", "bench-large"].map {
                CommandLineTests.root.appendingPathComponent("Scenarios/\($0).xml").path
            }
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// Alerts from the command line: the catalogue, thresholds files, replay.
@Suite("Alert commands")
struct AlertCommandTests {
    let cli = CommandLineTests()

    @Test func rulesListsTheCatalogueAndDocumentsOneRule() throws {
        let list = try cli.sanzi("rules")
        #expect(list.status == 0)
        #expect(list.output.contains("P01  platform process"))
        #expect(list.output.split(separator: "\n").filter { $0.first?.isUppercase == true }.count >= 25)
        let one = try cli.sanzi("rules", "V03")
        #expect(one.output.contains("Tukey"))
        #expect(one.output.contains("k = 1.5  (0.5…5)"))
        #expect(try cli.sanzi("rules", "Z99").status == 64)
        let escalation = try cli.sanzi("rules", "E01")
        #expect(escalation.status == 0)
        #expect(escalation.output.contains("yellow-to-orange = 4  (1…100)"))
        #expect(list.output.contains("E02  escalation"))
    }

    /// An escalation's row names the alerts it combines; every other row leaves the cell empty.
    @Test func escalationsNameTheAlertsTheyCombineInAlertsCsv() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.sanzi("run", "Scenarios/warning-switch.xml", "--out", folder.path, "--quiet").status == 0)
        let rows = try String(contentsOf: folder.appendingPathComponent("alerts.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var escalations = 0
        for row in rows {
            let (id, rule, combines) = (
                UInt64(row[0]) ?? 0, row[1], row[10].split(separator: " ").compactMap { UInt64($0) }
            )
            if rule.hasPrefix("E0") {
                escalations += 1
                #expect(combines.count >= 3 && combines.allSatisfy { $0 < id }, "\(row)")
            } else {
                #expect(combines.isEmpty, "\(row)")
            }
        }
        #expect(escalations > 0)
    }

    /// The default town, and a county whose rules follow its own policy and district
    /// interventions (recorded in thresholds.xml for the replay); the county with news windows
    /// too, split by district with `--jobs 3`, where the rules kept within a district run inside
    /// the districts and the replay's one engine must raise what they raised.
    @Test(arguments: [
        ("Scenarios/default.xml", nil), ("Scenarios/county-districts.xml", nil), ("Scenarios/county-districts.xml", 7),
    ])
    func replayReproducesTheRunsAlertsByteForByte(scenario: String, newsWindowDays: Int?) throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario(scenario, newsWindowDays: newsWindowDays, in: folder)
        let out = folder.appendingPathComponent("run")
        #expect(try cli.sanzi("run", scenario, "--jobs", "3", "--out", out.path, "--quiet").status == 0)
        let replay = try cli.sanzi("replay", out.path, "--quiet")
        #expect(replay.status == 0)
        for name in ["alerts.csv", "alerts.jsonl"] {
            let original = try Data(contentsOf: out.appendingPathComponent(name))
            let replayed = try Data(contentsOf: out.appendingPathComponent("replay/\(name)"))
            #expect(original == replayed, "\(name)")
            #expect(original.count > 100)
        }
        let header = try String(contentsOf: out.appendingPathComponent("alerts.csv"), encoding: .utf8)
        #expect(header.hasPrefix("alert_id,rule,severity,day,date,village,subject,score,threshold,evidence,combines\n"))
    }

    /// `--jobs` changes the threads, never the outputs: every file is the same bytes (run.json
    /// but for the time it took), the pair of a counterfactual run included; with news windows
    /// between districts too (the city's leads wait for a window while the world waits for the
    /// rules' warnings), and with each district's world in a `sanzi shard` process.
    @Test(arguments: [
        ("Scenarios/default.xml", nil), ("Scenarios/county-districts.xml", nil), ("Scenarios/county-districts.xml", 7),
    ])
    func runOutputsDoNotDependOnJobs(scenario: String, newsWindowDays: Int?) throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario(scenario, newsWindowDays: newsWindowDays, in: folder)
        var outputs: [[String: Data]] = []
        for jobs in [["1"], ["2"], ["3"], ["3", "--district-processes"]] {
            let out = folder.appendingPathComponent("jobs-\(jobs.joined())")
            outputs.append(try runFiles(scenario, ["--counterfactual", "--jobs"] + jobs, out: out))
        }
        #expect(outputs[0].keys.contains("counterfactual/events.jsonl"))
        #expect(outputs[0].keys.contains("report.html"))
        for name in outputs[0].keys.sorted() {
            #expect(outputs[1][name] == outputs[0][name], "\(name), --jobs 2")
            #expect(outputs[2][name] == outputs[0][name], "\(name), --jobs 3")
            #expect(outputs[3][name] == outputs[0][name], "\(name), --jobs 3 --district-processes")
        }
        #expect(try cli.sanzi("run", scenario, "--jobs", "0", "--out", folder.path).status == 64)
    }

    /// `sanzi shard --listen` serves a run's districts over TCP: two servers keep the windowed
    /// county's four districts (two each, on threads of their own), and every output is the
    /// bytes of `--jobs 1`, the counterfactual pair included; a server that is not there stops
    /// the run with status 73, saying where it looked, and leaves no folder.
    @Test func districtsOnServersWriteTheSameBytes() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario("Scenarios/county-districts.xml", newsWindowDays: 7, in: folder)
        let servers = try (0..<2).map { _ in try Self.shardServer() }
        defer {
            for server in servers {
                server.process.terminate()
                server.process.waitUntilExit()
            }
        }
        var outputs: [[String: Data]] = []
        for place in [
            ["--jobs", "1"], ["--jobs", "3", "--district-hosts", servers.map(\.address).joined(separator: ",")],
        ] {
            let out = folder.appendingPathComponent("run-\(outputs.count)")
            outputs.append(try runFiles(scenario, ["--counterfactual"] + place, out: out))
        }
        #expect(outputs[0].keys.contains("counterfactual/events.jsonl"))
        #expect(outputs[1] == outputs[0])
        let absent = folder.appendingPathComponent("absent")
        let refused = try cli.sanzi("run", scenario, "--district-hosts", "127.0.0.1:1", "--out", absent.path)
        #expect(refused.status == 73)
        #expect(refused.errors.contains("cannot connect to 127.0.0.1:1: Connection refused"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: absent.path))
    }

    /// A `sanzi shard --listen 127.0.0.1:0` process, and the address it said it listens on.
    static func shardServer() throws -> (process: Process, address: String) {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["shard", "--listen", "127.0.0.1:0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        let said = String(decoding: line, as: UTF8.self)
        #expect(said.hasPrefix("listening on 127.0.0.1:"), "\(said)")
        return (process, String(said.dropFirst("listening on ".count)))
    }

    /// The scenario at `path` (under the repository), or a copy of it in `folder` with news
    /// windows of `newsWindowDays`.
    static func scenario(_ path: String, newsWindowDays: Int?, in folder: URL) throws -> String {
        guard let newsWindowDays else { return path }
        let text = try String(contentsOf: CommandLineTests.root.appendingPathComponent(path), encoding: .utf8)
        let windowed = folder.appendingPathComponent("windowed.xml").path
        try text.replacing("<geography>", with: "<geography news-window-days=\"\(newsWindowDays)\">")
            .write(toFile: windowed, atomically: true, encoding: .utf8)
        return windowed
    }

    /// `sanzi run SCENARIO OPTIONS --out OUT --quiet`, which must succeed, and the files it
    /// wrote by path under `out`, run.json's without its times.
    func runFiles(_ scenario: String, _ options: [String], out: URL) throws -> [String: Data] {
        let run = try cli.sanzi(["run", scenario, "--out", out.path, "--quiet"] + options)
        #expect(run.status == 0, "\(run.errors)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: out.path).sorted()
        where !name.hasSuffix("counterfactual") {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            files[name] = name.hasSuffix("run.json") ? try Self.withoutTimes(data) : data
        }
        return files
    }

    /// A run record without what depends on the machine's speed.
    static func withoutTimes(_ data: Data) throws -> Data {
        guard var record = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        record["wall_seconds"] = nil
        record["events_per_second"] = nil
        return try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    }

    /// A log cut at a line's end reads as a valid log; the run record's count says otherwise.
    @Test func replayOfALogCutShortExits65() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.sanzi("run", "--out", folder.path, "--quiet").status == 0)
        let log = folder.appendingPathComponent("events.jsonl")
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(1_000).joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        let replay = try cli.sanzi("replay", folder.path, "--quiet")
        #expect(replay.status == 65)
        #expect(replay.errors.contains("events.jsonl:1000: error: the log holds 1000 events where its run.json says"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("replay").path))
    }

    @Test func replayUnderNewThresholdsChangesTheAlerts() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.sanzi("run", "--out", folder.path, "--quiet").status == 0)
        let strict = folder.appendingPathComponent("strict.xml")
        try Data(
            """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="V01" enabled="false"/>
            </thresholds>
            """.utf8
        ).write(to: strict)
        #expect(
            try cli.sanzi(
                "replay", folder.path, "--thresholds", strict.path, "--out",
                folder.appendingPathComponent("strict").path, "-q"
            ).status == 0)
        let csv = try String(contentsOf: folder.appendingPathComponent("strict/alerts.csv"), encoding: .utf8)
        #expect(!csv.contains(",V01,"))
    }

    @Test func badThresholdsFileIsRejectedWithItsPlace() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.xml")
        try Data(
            """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="Q01"/>
            </thresholds>
            """.utf8
        ).write(to: bad)
        let result = try cli.sanzi("run", "--thresholds", bad.path, "--out", folder.path)
        #expect(result.status == 65)
        #expect(result.errors.contains("\(bad.path):2:9: error: unknown alert rule Q01"))
        #expect(try cli.sanzi("replay", folder.appendingPathComponent("nothing").path).status == 66)
    }
}

/// The evaluation and the anomaly report in all formats.
@Suite("Reports of a run")
struct ReportTests {
    static let hostileName = "<script>alert(1)</script>"

    /// The default scenario with a village named like a script; run twice into two folders.
    static let runs: [URL] = {
        let cli = CommandLineTests()
        guard
            var text = try? String(
                contentsOf: CommandLineTests.root.appendingPathComponent("Scenarios/default.xml"), encoding: .utf8)
        else { return [] }
        text = text.replacing(#"name="Shanbei""#, with: #"name="&lt;script&gt;alert(1)&lt;/script&gt;""#)
        return (0..<2).compactMap { _ in
            guard let folder = try? cli.temporaryFolder() else { return nil }
            let scenario = folder.appendingPathComponent("hostile.xml")
            try? text.write(to: scenario, atomically: true, encoding: .utf8)
            let result = try? cli.sanzi("run", scenario.path, "--out", folder.appendingPathComponent("out").path, "-q")
            return result?.status == 0 ? folder.appendingPathComponent("out") : nil
        }
    }()

    func read(_ name: String, run: Int = 0) throws -> String {
        try String(contentsOf: Self.runs[run].appendingPathComponent(name), encoding: .utf8)
    }

    @Test func everyReportFileIsWrittenAndIdenticalAcrossReruns() throws {
        try #require(Self.runs.count == 2)
        for name in ["evaluation.json", "report.json", "report.md", "report.html", "cases.csv"] {
            let first = try read(name)
            #expect(!first.isEmpty, "\(name)")
            #expect(first == (try read(name, run: 1)), "\(name) differs between reruns")
        }
    }

    /// A story about a listing or a contract names it by the deal the log announced ("Lease
    /// listing 197 (appraisal 951,673 yuan)"), which the run gathers while the log streams and
    /// reads back once the world is gone; never by its number alone.
    @Test func storiesNameTheirDealsFromTheLog() throws {
        try #require(Self.runs.count == 2)
        let titles = try read("report.md").split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(titles.contains { $0.contains(/\s(listing|contract) [0-9]+ \(/) })
        #expect(!titles.contains { $0.contains(/^### [0-9]+\. (Listing|Contract) [0-9]+/) })
    }

    /// One money unit per file, named by a suffix on every money field: fen in the JSON
    /// reports, yuan in cases.csv and run.json.
    @Test(arguments: [
        ("evaluation.json", "_fen"), ("report.json", "_fen"), ("run.json", "_yuan"), ("cases.csv", "_yuan"),
    ])
    func everyMoneyFieldNamesTheFilesOneUnit(file: String, unit: String) throws {
        try #require(Self.runs.count == 2)
        let text = try read(file)
        let names: Set<String>
        if file.hasSuffix(".csv") {
            names = Set(text.prefix { $0 != "\n" }.split(separator: ",").map(String.init))
        } else {
            func keys(_ value: Any) -> [String] {
                if let object = value as? [String: Any] { return object.keys + object.values.flatMap(keys) }
                if let array = value as? [Any] { return array.flatMap(keys) }
                return []
            }
            names = Set(keys(try JSONSerialization.jsonObject(with: Data(text.utf8))))
        }
        let other = unit == "_fen" ? "_yuan" : "_fen"
        #expect(names.filter { $0.hasSuffix(other) }.isEmpty, "\(file): \(names.filter { $0.hasSuffix(other) })")
        let money = names.filter { name in
            ["loss", "recovered", "gain", "expected", "booked", "amount", "price"].contains { name.hasPrefix($0) }
        }
        #expect(!money.isEmpty && money.allSatisfy { $0.hasSuffix(unit) }, "\(file): \(money.sorted())")
    }

    /// Every village is in both pages (past the first 20 the HTML folds them under a summary
    /// that says how many), and money reads one way: whole yuan with thousands separators.
    @Test func everyVillageIsListedAndMoneyReadsOneWay() throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try cli.sanzi("run", "Scenarios/county-districts.xml", "--out", folder.path, "-q")
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("report.json")))
        let villages = ((json as? [String: Any])?["villages"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(villages?.count == 40)
        for page in ["report.md", "report.html"] {
            let text = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            for name in villages ?? [] { #expect(text.contains(name), "\(page) lacks \(name)") }
            #expect(text.firstMatch(of: /[0-9]{4}\.[0-9]{2} yuan|[0-9]{4,} yuan/) == nil, "\(page): money unformatted")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<summary>The other 20 villages, by risk</summary>"))
    }

    /// No two labels of a chart overlap, and every label lies within its chart, on the default
    /// town (with its counterfactual, for the loss chart), Guangzhou, and counties of 40 and 64
    /// villages. Boxes are computed from each label's position, anchor, size and length.
    @Test(arguments: [
        ("Scenarios/default.xml", 10, true), ("Scenarios/guangzhou-2012-2014.xml", 0, false),
        ("Scenarios/county-districts.xml", 10, false), ("Scenarios/county-districts.xml", 16, false),
    ])
    func chartLabelsNeverOverlap(scenario: String, villagesPerDistrict: Int, counterfactual: Bool) throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var path = scenario
        if scenario.hasSuffix("county-districts.xml") {
            let text = try String(contentsOf: CommandLineTests.root.appendingPathComponent(scenario), encoding: .utf8)
                .replacing(
                    #"<villages count="8" profile="periurban""#,
                    with: "<villages count=\"\(villagesPerDistrict - 2)\" profile=\"periurban\"")
            path = folder.appendingPathComponent("county.xml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let arguments = ["run", path, "--out", folder.appendingPathComponent("out").path, "-q"]
        #expect(try cli.sanzi(arguments + (counterfactual ? ["--counterfactual"] : [])).status == 0)
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        let charts = html.components(separatedBy: "<svg").dropFirst().map {
            "<svg" + ($0.components(separatedBy: "</svg>").first ?? "")
        }
        #expect(charts.count >= (counterfactual ? 5 : 4))
        for chart in charts {
            let width = Double(chart.firstMatch(of: #/viewBox="0 0 ([0-9.]+) /#).map { String($0.1) } ?? "") ?? 0
            let boxes = SVGText.boxes(in: chart)
            let title = chart.firstMatch(of: /<title>([^<]*)<\/title>/).map { String($0.1) } ?? "?"
            // The heat map writes each count inside its cell, by design.
            let data = title.contains("caught by each rule") ? [] : SVGText.data(in: chart)
            #expect(title.contains("caught by each rule") || !data.isEmpty, "\(title): no data drawn")
            for (index, box) in boxes.enumerated() {
                #expect(box.minX >= 0 && box.maxX <= width, "\(scenario) \(title): \"\(box.text)\" leaves the chart")
                for other in boxes[(index + 1)...] where box.overlaps(other) {
                    Issue.record("\(scenario) \(title): \"\(box.text)\" overlaps \"\(other.text)\"")
                }
                for mark in data where box.overlaps(mark) {
                    Issue.record("\(scenario) \(title): \"\(box.text)\" lies on the data (\(mark.text))")
                }
            }
        }
    }

    @Test func theHTMLIsWellFormedSelfContainedAndHoldsTheCharts() throws {
        try #require(Self.runs.count == 2)
        let html = try read("report.html")
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "report.html is well-formed: \(String(describing: parser.parserError))")
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4, "four charts")
        for reference in ["<script", "src=", "href=", "url(", "@import", "<link"] {
            #expect(!html.contains(reference), "report.html must not load anything: \(reference)")
        }
    }

    @Test func aHostileVillageNameComesOutEscapedInEveryFormat() throws {
        try #require(Self.runs.count == 2)
        for name in ["report.md", "report.html", "report.json"] {
            let text = try read(name)
            #expect(!text.contains("<script>"), "\(name) holds the raw name")
        }
        #expect(try read("report.html").contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(try read("report.md").contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try read("report.json").utf8)) as? [String: Any])
        let villages = try #require(json["villages"] as? [[String: Any]])
        #expect(villages.contains { $0["name"] as? String == Self.hostileName })
    }

    @Test func theEvaluationAgreesWithTheCasesAndTheRunRecord() throws {
        try #require(Self.runs.count == 2)
        let evaluation = try #require(
            try JSONSerialization.jsonObject(with: Data(try read("evaluation.json").utf8)) as? [String: Any])
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(try read("run.json").utf8)) as? [String: Any])
        #expect(evaluation["alerts"] as? Int == record["alerts"] as? Int)
        #expect(evaluation["cases"] as? Int == record["cases"] as? Int)
        let rules = try #require(evaluation["rules"] as? [[String: Any]])
        #expect(rules.reduce(0) { $0 + ($1["alerts"] as? Int ?? 0) } == evaluation["alerts"] as? Int)
        let typologies = try #require(evaluation["typologies"] as? [[String: Any]])
        #expect(typologies.count == Typology.allCases.count)
    }
}

/// `sanzi tune` end to end: its thresholds file runs as is, and held-out seeds never steer it.
@Suite("Tuning from the command line")
struct TuneCommandTests {
    let cli = CommandLineTests()

    func tune(test seeds: String) throws -> URL {
        let folder = try cli.temporaryFolder()
        let result = try cli.sanzi(
            "tune", "--train-seeds", "1-2", "--test-seeds", seeds, "--out", folder.path, "-q")
        #expect(result.status == 0, "\(result.errors)")
        // The seeds' logs were kept in the folder while it was staged, and are gone.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                ".sanzi-output", "curves.csv", "thresholds.xml", "tuning.html", "tuning.json", "tuning.md",
            ])
        return folder
    }

    /// Objectives on the alerts score candidates over the world the starting settings made:
    /// replaying the tuned thresholds over runs with the starting settings gives the tuned
    /// training metrics.
    @Test func theThresholdsFileReproducesTheTrainingMetricsAndTestSeedsNeverSteer() throws {
        let first = try tune(test: "3")
        let second = try tune(test: "4")
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        for name in ["thresholds.xml", "curves.csv"] {
            let a = try String(contentsOf: first.appendingPathComponent(name), encoding: .utf8)
            let b = try String(contentsOf: second.appendingPathComponent(name), encoding: .utf8)
            #expect(a == b, "\(name) depends on the test seeds")
        }
        let chosen = try training(in: first).chosen
        var alerts = 0
        for seed in ["1", "2"] {
            let out = first.appendingPathComponent("run-\(seed)")
            let run = try cli.sanzi("run", "--seed", seed, "--out", out.path, "-q")
            #expect(run.status == 0, "\(run.errors)")
            let replayed = out.appendingPathComponent("tuned")
            let replay = try cli.sanzi(
                "replay", out.path, "--thresholds", first.appendingPathComponent("thresholds.xml").path, "--out",
                replayed.path, "-q")
            #expect(replay.status == 0, "\(replay.errors)")
            let lines = try String(contentsOf: replayed.appendingPathComponent("alerts.csv"), encoding: .utf8)
            alerts += lines.split(separator: "\n").count - 1
        }
        #expect(alerts == chosen["alerts"] as? Int)
    }

    /// `prevented-loss` deploys its candidates: runs with the tuned thresholds and their pairs
    /// without the warning system show exactly the loss prevented, alerts and detections that
    /// tuning reports, and the tuned settings prevent at least as much as the starting ones.
    @Test func thePreventedLossIsWhatRunsWithTheTunedThresholdsShow() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.defaultScenario(horizon: "P18M", in: folder)
        let tuned = folder.appendingPathComponent("tuned")
        let result = try cli.sanzi(
            "tune", scenario.path, "--objective", "prevented-loss", "--train-seeds", "1-2", "--test-seeds", "3",
            "--out", tuned.path, "-q")
        #expect(result.status == 0, "\(result.errors)")
        let (start, chosen) = try training(in: tuned)
        let prevented = try #require(chosen["net_loss_prevented_fen"] as? Int)
        #expect(prevented >= (start["net_loss_prevented_fen"] as? Int ?? .max))
        var shown = (prevented: 0, alerts: 0, detected: 0)
        for seed in ["1", "2"] {
            let out = folder.appendingPathComponent("run-\(seed)")
            let run = try cli.sanzi(
                "run", scenario.path, "--seed", seed, "--thresholds",
                tuned.appendingPathComponent("thresholds.xml").path,
                "--counterfactual", "--out", out.path, "-q")
            #expect(run.status == 0, "\(run.errors)")
            let evaluation = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("evaluation.json")))
                    as? [String: Any])
            let effect = try #require(evaluation["warning_system_effect"] as? [String: Any])
            shown.prevented += effect["net_loss_prevented_fen"] as? Int ?? -1
            shown.alerts += evaluation["alerts"] as? Int ?? -1
            shown.detected += evaluation["detected"] as? Int ?? -1
        }
        #expect(shown.prevented == prevented)
        #expect(shown.alerts == chosen["alerts"] as? Int)
        #expect(shown.detected == chosen["detected"] as? Int)
    }

    /// `--jobs` changes no byte: `prevented-loss` with one core and with three (the seeds
    /// simulated and the candidates deployed three at a time, the rules replayed over three
    /// logs at once). Zero cores is a usage error.
    @Test func tuningDoesNotDependOnJobs() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.defaultScenario(horizon: "P1Y", in: folder)
        var outputs: [[String: Data]] = []
        for jobs in ["1", "3"] {
            let out = folder.appendingPathComponent("jobs-\(jobs)")
            let result = try cli.sanzi(
                "tune", scenario.path, "--objective", "prevented-loss", "--train-seeds", "1-2", "--test-seeds", "3",
                "--jobs", jobs, "--out", out.path, "-q")
            #expect(result.status == 0, "\(result.errors)")
            var files: [String: Data] = [:]
            for name in ["thresholds.xml", "curves.csv", "tuning.json", "tuning.md", "tuning.html"] {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        for name in outputs[0].keys.sorted() { #expect(outputs[1][name] == outputs[0][name], "\(name), --jobs 3") }
        #expect(try cli.sanzi("tune", "--jobs", "0", "--out", folder.path).status == 64)
    }

    /// The default scenario over a shorter `horizon`, written into `folder`.
    static func defaultScenario(horizon: String, in folder: URL) throws -> URL {
        let text = try String(
            contentsOf: CommandLineTests.root.appendingPathComponent("Scenarios/default.xml"), encoding: .utf8)
        let scenario = folder.appendingPathComponent("short.xml")
        try text.replacingOccurrences(of: "horizon=\"P3Y\"", with: "horizon=\"\(horizon)\"").write(
            to: scenario, atomically: true, encoding: .utf8)
        return scenario
    }

    func training(in folder: URL) throws -> (start: [String: Any], chosen: [String: Any]) {
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("tuning.json")))
                as? [String: Any])
        let training = try #require(summary["training"] as? [String: Any])
        return (try #require(training["start"] as? [String: Any]), try #require(training["chosen"] as? [String: Any]))
    }

    @Test func badTuningArgumentsAreUsageErrors() throws {
        let keep = try cli.sanzi("tune", "--keep", "P01,P0l", "-q")
        #expect(
            keep.status == 64 && keep.errors.contains("--keep: unknown rule P0L (did you mean P01?)"), "\(keep.errors)")
        let overlap = try cli.sanzi("tune", "--train-seeds", "1-3", "--test-seeds", "3-4", "-q")
        #expect(overlap.status == 64 && overlap.errors.contains("held out"))
        let objective = try cli.sanzi("tune", "--objective", "accuracy", "-q")
        #expect(objective.status == 64 && objective.errors.contains("unknown objective"))
        let seeds = try cli.sanzi("tune", "--train-seeds", "5-1", "-q")
        #expect(seeds.status == 64)
    }
}

/// `sanzi dataset`: tables that match their data card, leak-free splits, labels that point at
/// cases, the same files whatever the number of jobs, and clean failures.
@Suite("Datasets from the command line")
struct DatasetCommandTests {
    let cli = CommandLineTests()

    /// Three replications of the default scenario with one job, with two (two replications at
    /// once) and with six (all three at once, each with two cores for its own rules and tables).
    static let built: [URL] = {
        let cli = CommandLineTests()
        return ["1", "2", "6"].compactMap { jobs in
            guard let folder = try? cli.temporaryFolder() else { return nil }
            let out = folder.appendingPathComponent("data")
            let result = try? cli.sanzi("dataset", "--replications", "3", "--jobs", jobs, "--out", out.path, "-q")
            return result?.status == 0 ? out : nil
        }
    }()

    static func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        return (enumerator?.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".csv") || $0.hasSuffix(".json") || $0.hasSuffix(".md")
        }.sorted()
    }

    /// A table's rows, each with the `replication` its partition's Hive key gives.
    static func rows(_ folder: URL, _ table: String) throws -> [[String: String]] {
        var rows: [[String: String]] = []
        for file in files(under: folder.appendingPathComponent(table)) {
            let text = try String(
                contentsOf: folder.appendingPathComponent(table).appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n")
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let replication = String(file.prefix { $0 != "/" }.drop { $0 != "=" }.dropFirst())
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                rows.append(
                    Dictionary(uniqueKeysWithValues: zip(header, cells)).merging(["replication": replication]) { a, _ in
                        a
                    })
            }
        }
        return rows
    }

    /// Partitions are keyed `replication=N` (an integer, as readers infer it) and no file has
    /// a column of that name; booleans are `true`/`false`, decimals always have a point.
    @Test func partitionsAndCellsAreTypedAsReadersInferThem() throws {
        try #require(Self.built.count == 3)
        let folder = Self.built[0]
        #expect(
            Self.files(under: folder.appendingPathComponent("cases")) == (0..<3).map { "replication=\($0)/part.csv" })
        let rows = try Self.rows(folder, "transactions")
        let header = try String(
            contentsOf: folder.appendingPathComponent("transactions/replication=0/part.csv"), encoding: .utf8
        ).prefix { $0 != "\n" }
        #expect(!header.split(separator: ",").contains("replication"))
        #expect(Set(rows.map { $0["replication"] ?? "" }) == ["0", "1", "2"])
        #expect(Set(rows.compactMap { $0["misconduct"] }) == ["true", "false"])
        #expect(rows.compactMap { $0["price_to_appraisal"] }.allSatisfy { $0.isEmpty || $0.contains(".") })
    }

    @Test func theFilesAreTheSameWhateverTheNumberOfJobs() throws {
        try #require(Self.built.count == 3)
        let one = Self.built[0]
        let names = Self.files(under: one)
        for other in Self.built.dropFirst() {
            #expect(names == Self.files(under: other) && names.count > 20)
            for name in names {
                let a = try Data(contentsOf: one.appendingPathComponent(name))
                let b = try Data(contentsOf: other.appendingPathComponent(name))
                #expect(a == b, "\(name) depends on --jobs (\(other.path))")
            }
        }
    }

    @Test func everyTableMatchesItsDataCard() throws {
        try #require(Self.built.count == 3)
        let folder = Self.built[0]
        let card = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datacard.json")))
                as? [String: Any])
        let tables = try #require(card["tables"] as? [[String: Any]])
        #expect(tables.count == 8)
        for table in tables {
            let name = try #require(table["name"] as? String)
            let columns = try #require(table["columns"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            let parts = Self.files(under: folder.appendingPathComponent(name))
            #expect(parts.count == 3, "\(name): one partition per replication")
            var rows = 0
            for part in parts {
                let text = try String(
                    contentsOf: folder.appendingPathComponent(name).appendingPathComponent(part), encoding: .utf8)
                let lines = text.split(separator: "\n")
                #expect(lines.first.map(String.init) == columns.joined(separator: ","), "\(name)/\(part) header")
                rows += lines.count - 1
            }
            #expect(rows == table["rows"] as? Int, "\(name) row count")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("DATACARD.md").path))
    }

    @Test func splitsShareNoVillageAndLabelsPointAtCases() throws {
        try #require(Self.built.count == 3)
        let folder = Self.built[0]
        var sides: [String: Set<String>] = [:]
        let cases = try Self.rows(folder, "cases")
        let misconduct = Set(
            cases.filter { $0["kind"] == "misconduct" }.map {
                "\($0["replication"] ?? "")/\($0["case_id"] ?? "")/\($0["typology"] ?? "")"
            })
        var labelled = 0
        for table in ["transactions", "ledger"] {
            for row in try Self.rows(folder, table) {
                sides[row["village"] ?? "", default: []].insert(row["split_village"] ?? "")
                guard row["misconduct"] == "true" else { continue }
                labelled += 1
                let key = "\(row["replication"] ?? "")/\(row["case_id"] ?? "")/\(row["typology"] ?? "")"
                #expect(misconduct.contains(key), "\(table) row labelled with \(key), which is no case")
            }
        }
        #expect(labelled > 0)
        #expect(sides.values.allSatisfy { $0.count == 1 }, "a village on both sides of the split")
        #expect(Set(sides.values.flatMap { $0 }).isSuperset(of: ["train"]))
    }

    /// The transactions and ledger rows, set aside while the run goes and read back after it,
    /// are the log's own, in its order: a row for each contract the run decided (not the leases
    /// running at its start), `renewal` where a renewal record follows its contract, and a
    /// ledger row for each receipt, disbursement, loan and distribution of the events table.
    @Test func transactionAndLedgerRowsAreTheEventsTablesInItsOrder() throws {
        try #require(Self.built.count == 3)
        let folder = Self.built[0]
        let events = try Self.rows(folder, "events")
        let transactions = try Self.rows(folder, "transactions")
        let ledger = try Self.rows(folder, "ledger")
        let key = { (row: [String: String], id: String) in "\(row["replication"] ?? "")/\(row[id] ?? "")" }
        var renewed: Set<String> = []
        var last: [String: String]?
        for event in events {
            if event["type"] == "contract", event["other"] != "-2" {
                last = event
            } else if event["type"] == "renewal", let contract = last, key(contract, "subject") == key(event, "subject")
            {
                renewed.insert(key(contract, "id"))
            }
        }
        let decided = events.filter { $0["type"] == "contract" && $0["other"] != "-2" }
        let entries: Set = ["receipt", "disbursement", "loan", "compensation_distributed"]
        let booked = events.filter { entries.contains($0["type"] ?? "") }
        #expect(Self.firstDifference(transactions.map { key($0, "event") }, decided.map { key($0, "id") }) == nil)
        #expect(
            Self.firstDifference(transactions.map { key($0, "contract") }, decided.map { key($0, "subject") }) == nil)
        #expect(Set(transactions.filter { $0["renewal"] == "true" }.map { key($0, "event") }) == renewed)
        #expect(!renewed.isEmpty)
        #expect(Self.firstDifference(ledger.map { key($0, "event") }, booked.map { key($0, "id") }) == nil)
        #expect(ledger.count > transactions.count)
    }

    /// The counterparty and decision features, computed again from the events table alone in
    /// the plainest way (a second implementation): what the party registered as last, whether
    /// its owner had held an office or had a declared tie to someone who had, its contracts in
    /// the village within C08's 365 days, and the votes of the asset's last decision within P05's
    /// 180 days, each as it stood before the row's event.
    @Test func counterpartyAndDecisionFeaturesAreTheEventsTablesOwn() throws {
        try #require(Self.built.count == 3)
        let folder = Self.built[0]
        let events = try Self.rows(folder, "events")
        var expected = (transactions: [String: [String]](), ledger: [String: String]())
        var replication = ""
        var owners: [String: (person: String, firm: Bool, founded: Int)] = [:]
        var offices: Set<String> = []
        var ties: [String: Set<String>] = [:]
        var wins: [String: [Int]] = [:]
        var decisions: [String: (day: Int, share: Double)] = [:]
        for event in events {
            if event["replication"] != replication {
                replication = event["replication"] ?? ""
                (owners, offices, ties, wins, decisions) = ([:], [], [:], [:], [:])
            }
            let (subject, other, party) = (event["subject"] ?? "", event["other"] ?? "", event["party"] ?? "")
            let day = Int(event["day"] ?? "") ?? 0
            let id = "\(replication)/\(event["id"] ?? "")"
            let related = { (bidder: String) -> String in
                guard let owner = owners[bidder]?.person else { return "false" }
                return String(offices.contains(owner) || !(ties[owner] ?? []).isDisjoint(with: offices))
            }
            switch event["type"] {
            case "registration":
                owners[party] = (other, event["count2"] == "1", Int(event["count"] ?? "") ?? 0)
            case "office": offices.insert(subject)
            case "relation":
                ties[subject, default: []].insert(party)
                ties[party, default: []].insert(subject)
            case "decision":
                let (yes, no) = (Double(event["count"] ?? "") ?? 0, Double(event["count2"] ?? "") ?? 0)
                if subject != "-1", yes + no > 0 { decisions[subject] = (day, yes / (yes + no)) }
            case "contract":
                let key = "\(event["village"] ?? "")/\(party)"
                let owner = owners[party]
                let decision = decisions[event["count2"] ?? ""].flatMap { day - $0.day <= 180 ? $0.share : nil }
                expected.transactions[id] = [
                    owner.map { String($0.firm) } ?? "",
                    owner.flatMap { $0.firm ? String(day - $0.founded) : nil } ?? "", related(party),
                    String((wins[key] ?? []).filter { day - $0 <= 365 }.count), decision.map { String($0) } ?? "",
                ]
                wins[key, default: []].append(day)
            case "receipt", "disbursement", "loan", "compensation_distributed":
                expected.ledger[id] = party.hasPrefix("-") ? "false" : related(party)
            default: break
            }
        }
        let columns = [
            "counterparty_firm", "counterparty_age_days", "counterparty_related", "counterparty_wins_365",
            "decision_share",
        ]
        var checked = (rows: 0, related: 0, wins: 0)
        for row in try Self.rows(folder, "transactions") {
            let id = "\(row["replication"] ?? "")/\(row["event"] ?? "")"
            var found = columns.map { row[$0] ?? "" }
            guard var wanted = expected.transactions[id] else {
                Issue.record("transaction \(id) is no contract of the events table")
                continue
            }
            // The share is written to six places.
            (found[4], wanted[4]) = (found[4].isEmpty ? "" : "\(Double(found[4]) ?? .nan)", wanted[4])
            if let share = Double(wanted[4]) { wanted[4] = "\((share * 1_000_000).rounded() / 1_000_000)" }
            #expect(found == wanted, "transaction \(id): \(columns)")
            checked.rows += 1
            if found[2] == "true" { checked.related += 1 }
            if (Int(found[3]) ?? 0) > 0 { checked.wins += 1 }
        }
        for row in try Self.rows(folder, "ledger") {
            let id = "\(row["replication"] ?? "")/\(row["event"] ?? "")"
            #expect(row["counterparty_related"] == expected.ledger[id], "ledger entry \(id)")
        }
        #expect(checked.rows > 500 && checked.related > 0 && checked.wins > 0, "\(checked)")
    }

    /// Where two lists first differ (in length too), or nil: short for a failure's message.
    static func firstDifference(_ found: [String], _ expected: [String]) -> String? {
        guard found != expected else { return nil }
        let position =
            zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(found.count, expected.count)
        let value = { (list: [String]) in position < list.count ? list[position] : "nothing" }
        return "at \(position) of \(found.count) / \(expected.count): \(value(found)) for \(value(expected))"
    }

    @Test func chosenTablesAreTheFullDatasetsOwn() throws {
        try #require(Self.built.count == 3)
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("some")
        let result = try cli.sanzi(
            "dataset", "--replications", "3", "--tables", "transactions, cases", "--out", out.path, "-q")
        #expect(result.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                ".sanzi-output", "DATACARD.md", "cases", "datacard.json", "transactions",
            ])
        for table in ["transactions", "cases"] {
            let files = Self.files(under: out.appendingPathComponent(table))
            #expect(files == Self.files(under: Self.built[0].appendingPathComponent(table)))
            for file in files {
                #expect(
                    try Data(contentsOf: out.appendingPathComponent(table).appendingPathComponent(file))
                        == Data(contentsOf: Self.built[0].appendingPathComponent(table).appendingPathComponent(file)))
            }
        }
        let card = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("datacard.json")))
        let tables = ((card as? [String: Any])?["tables"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(tables == ["transactions", "cases"])
    }

    /// The bytes of every file of `folder` (its data card, tables and any record left behind)
    /// equal those of `built`.
    func expectSameFiles(_ folder: URL, as built: URL) throws {
        let names = Self.files(under: built)
        #expect(Self.files(under: folder) == names)
        for name in names {
            #expect(
                try Data(contentsOf: folder.appendingPathComponent(name))
                    == Data(contentsOf: built.appendingPathComponent(name)), "\(name) differs")
        }
    }

    /// The folder a dataset at `out` is built in.
    func partial(_ out: URL) -> URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).partial")
    }

    @Test func aDatasetSplitWithOnlyAndFinishedWithResumeIsTheSameFiles() throws {
        try #require(Self.built.count == 3)
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("data")
        let first = try cli.sanzi("dataset", "--replications", "3", "--only", "2", "--out", out.path)
        #expect(first.status == 0 && first.output.contains("replications 2 of 3 finished"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let second = try cli.sanzi("dataset", "--replications", "3", "--only", "0-1", "--out", out.path, "-q")
        #expect(second.status == 0)
        let last = try cli.sanzi("dataset", "--replications", "3", "--resume", "--out", out.path, "-q")
        #expect(last.status == 0)
        try expectSameFiles(out, as: Self.built[0])
        #expect(!FileManager.default.fileExists(atPath: partial(out).path))
    }

    @Test func aKilledDatasetResumesToTheSameFiles() throws {
        try #require(Self.built.count == 3)
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("data")
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["dataset", "--replications", "3", "--jobs", "1", "--out", out.path, "-q"]
        try process.run()
        let record = partial(out).appendingPathComponent(".replications")
        let firstDone = record.appendingPathComponent("0.json").path
        while process.isRunning, !FileManager.default.fileExists(atPath: firstDone) { usleep(1000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finished = try FileManager.default.contentsOfDirectory(atPath: record.path).filter {
            $0.hasSuffix(".json") && $0 != "settings.json"
        }
        try #require(process.terminationReason == .uncaughtSignal, "the dataset finished before it could be killed")
        #expect(finished.contains("0.json") && finished.count < 3)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let resumed = try cli.sanzi("dataset", "--replications", "3", "--resume", "--out", out.path, "-q")
        #expect(resumed.status == 0)
        try expectSameFiles(out, as: Self.built[0])
    }

    @Test func aDatasetResumesOnlyWithTheSettingsItWasBegunWith() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("data")
        let begun = try cli.sanzi("dataset", "--replications", "2", "--only", "0", "--out", out.path, "-q")
        #expect(begun.status == 0)
        let other = try cli.sanzi(
            "dataset", "--replications", "3", "--format", "jsonl", "--resume", "--out", out.path, "-q")
        #expect(other.status == 73)
        #expect(other.errors.contains("begun with other settings (replications 2, now 3; format csv, now jsonl)"))
        #expect(
            FileManager.default.fileExists(atPath: partial(out).appendingPathComponent(".replications/0.json").path))
        let beyond = try cli.sanzi("dataset", "--replications", "2", "--only", "1-2", "--out", out.path, "-q")
        #expect(beyond.status == 64 && beyond.errors.contains("--only names replication 2, but there are 2 (0-1)"))
    }

    @Test func badDatasetArgumentsFailCleanly() throws {
        let zero = try cli.sanzi("dataset", "--replications", "0", "-q")
        #expect(zero.status == 64 && zero.errors.contains("--replications must be at least 1"))
        let noCores = try cli.sanzi("dataset", "--jobs", "0", "-q")
        #expect(noCores.status == 64 && noCores.errors.contains("--jobs must be at least 1"))
        let format = try cli.sanzi("dataset", "--format", "xml", "-q")
        #expect(format.status == 64 && format.errors.contains("csv"))
        let table = try cli.sanzi("dataset", "--tables", "transactions,trades", "-q")
        #expect(table.status == 64 && table.errors.contains("unknown table 'trades'"))
        let unwritable = try cli.sanzi("dataset", "--out", "/proc/sanzi-dataset", "-q")
        #expect(unwritable.status == 73)
        #expect(!FileManager.default.fileExists(atPath: "/proc/.sanzi-dataset.partial"))
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let occupied = try cli.sanzi("dataset", "--out", folder.path, "-q")
        #expect(occupied.status == 73 && occupied.errors.contains("was written by something else"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        let partial = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).partial")
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }
}
