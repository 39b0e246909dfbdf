import Foundation
import Testing

/// Help that reads cleanly in an 80-column terminal, defaults as a user would type them, and a
/// mistyped subcommand answered as one.
@Suite("Help and mistyped commands")
struct HelpTextTests {
    let cli = CommandLineTests()

    /// Help with the terminal 80 columns wide.
    func help(_ command: String) throws -> String {
        let arguments = ["env", "COLUMNS=80", CommandLineTests.executable.path] + (command.isEmpty ? [] : [command])
        return try cli.run(URL(fileURLWithPath: "/usr/bin/env"), Array(arguments.dropFirst()) + ["--help"]).output
    }

    @Test(arguments: [
        "", "run", "validate", "schema", "events", "rules", "replay", "tune", "dataset", "compare", "shard",
    ])
    func helpFitsEightyColumnsWithoutStrayBackslashes(command: String) throws {
        let text = try help(command)
        #expect(text.contains("OVERVIEW:"))
        // ArgumentParser prints the usage on one line; the terminal wraps it.
        for line in text.split(separator: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command): \(line)")
            #expect(!line.hasSuffix("\\"), "\(command): \(line)")
        }
    }

    @Test func defaultsPrintAsTyped() throws {
        let tune = try help("tune")
        #expect(tune.contains("(default: 1-5)") && tune.contains("(default: 6-8)"))
        #expect(!tune.contains("NumberList"))
        let dataset = try help("dataset")
        let jobs = dataset.split(separator: "\n").drop { !$0.hasPrefix("  --jobs <jobs>") }.prefix(2).joined()
        #expect(jobs.components(separatedBy: "default").count == 2, "one default: \(jobs)")
    }

    @Test(arguments: [(["vaildate", "f.xml"], "validate"), (["runn"], "run"), (["tnue", "-q"], "tune")])
    func aMistypedSubcommandIsAnsweredAsOne(arguments: [String], meant: String) throws {
        let result = try cli.sanzi(arguments)
        #expect(result.status == 64)
        #expect(
            result.errors.contains("error: unknown command '\(arguments[0])' (hint: did you mean 'sanzi \(meant)'?"))
    }
}
