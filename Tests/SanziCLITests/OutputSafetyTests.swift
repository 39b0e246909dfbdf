import Foundation
import Testing

/// Outputs that cannot lie: a command's folder appears whole or not at all, an earlier output
/// is replaced whole, and nothing that is not an earlier output of the same command is lost.
@Suite("Outputs that cannot lie")
struct OutputSafetyTests {
    let cli = CommandLineTests()

    func contents(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test(arguments: [
        ["run"], ["replay", "RUN", "--out"], ["tune", "--train-seeds", "1", "--test-seeds", "2"],
        ["dataset"],
    ])
    func anOutputThatIsAFileIsRefusedAndUntouched(command: [String]) throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        if command[0] == "replay" { #expect(try cli.sanzi("run", "-q", "--out", run.path).status == 0) }
        let file = folder.appendingPathComponent("notes.txt")
        try "keep me\n".write(to: file, atomically: true, encoding: .utf8)
        var arguments = command.map { $0 == "RUN" ? run.path : $0 }
        if arguments.last != "--out" { arguments.append("--out") }
        let result = try cli.sanzi(arguments + [file.path, "-q"])
        #expect(result.status == 73, "\(command)")
        #expect(result.errors.contains("\(file.path): error: exists and is not a folder"), "\(result.errors)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me\n")
    }

    @Test func aRunReplacesTheEarlierRunWhole() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try cli.sanzi("run", "-q", "--out", out.path).status == 0)
        let first = contents(out)
        #expect(first.contains(".sanzi-output") && first.contains("run.json"))
        #expect(try cli.sanzi("replay", out.path, "-q").status == 0)
        #expect(contents(out).contains("replay/alerts.csv"))
        #expect(try cli.sanzi("run", "-q", "--seed", "9", "--out", out.path).status == 0)
        #expect(contents(out) == first, "the earlier run's replay/ went with it")
        #expect(contents(folder) == ["out"] + first.map { "out/" + $0 }, "no partial or old folder is left")
    }

    @Test func aFolderSanziDidNotWriteIsRefusedUnlessForced() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "thesis\n".write(to: mine.appendingPathComponent("chapter1.md"), atomically: true, encoding: .utf8)
        let refused = try cli.sanzi("run", "-q", "--out", mine.path)
        #expect(refused.status == 73)
        #expect(refused.errors.contains("was written by something else (hint: choose a new folder, or add --force"))
        #expect(contents(mine) == ["chapter1.md"])
        // A run's folder is not a replay's to replace.
        let run = folder.appendingPathComponent("run")
        #expect(try cli.sanzi("run", "-q", "--out", run.path).status == 0)
        let replay = try cli.sanzi("replay", run.path, "-q", "--out", run.path)
        #expect(replay.status == 73)
        #expect(replay.errors.contains("was written by sanzi run"))
        #expect(contents(run).contains("events.jsonl"))
        #expect(try cli.sanzi("run", "-q", "--out", mine.path, "--force").status == 0)
        #expect(!contents(mine).contains("chapter1.md") && contents(mine).contains("run.json"))
    }

    /// A run killed while it writes leaves the earlier run's folder as it was.
    @Test func aKilledRunLeavesTheEarlierRunWhole() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try cli.sanzi("run", "-q", "--out", out.path).status == 0)
        let record = try Data(contentsOf: out.appendingPathComponent("run.json"))
        let log = try Data(contentsOf: out.appendingPathComponent("events.jsonl"))
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["run", "Scenarios/guangzhou-2012-2014.xml", "-q", "--out", out.path]
        process.currentDirectoryURL = CommandLineTests.root
        try process.run()
        let partial = folder.appendingPathComponent(".out.partial/events.jsonl.partial")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: partial.path), Date() < deadline { usleep(10_000) }
        usleep(200_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run was killed while writing")
        #expect(try Data(contentsOf: out.appendingPathComponent("run.json")) == record)
        #expect(try Data(contentsOf: out.appendingPathComponent("events.jsonl")) == log)
        #expect(try cli.sanzi("run", "-q", "--out", out.path).status == 0, "the next run clears the partial folder")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".out.partial").path))
    }

    /// A disk that fills while writing (here a file-size limit, which fails writes as a full
    /// disk does) is an error naming the file, and the earlier output stays; with `--jobs 2`
    /// the log's writes are made on the rules' thread, and their error still reaches the run.
    @Test(
        .disabled(
            if: threadSanitizerIsActive,
            "under ThreadSanitizer its own runtime fails (SIGBUS) beneath the file-size limit that stands in for a full disk"
        ),
        arguments: [
            ["replay", "RUN"], ["run", "--out", "RUN", "--jobs", "1"], ["run", "--out", "RUN", "--jobs", "2"],
        ])
    func aFullDiskIsAnErrorAndTheEarlierOutputStays(command: [String]) throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        #expect(try cli.sanzi("run", "-q", "--out", run.path).status == 0)
        #expect(try cli.sanzi("replay", run.path, "-q").status == 0)
        let before = contents(run)
        let alerts = try Data(contentsOf: run.appendingPathComponent("replay/alerts.csv"))
        let arguments = command.map { $0 == "RUN" ? run.path : $0 } + ["-q"]
        let script = "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\""
        let limited = try cli.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script, CommandLineTests.executable.path] + arguments)
        #expect(limited.status == 73, "\(limited.errors)")
        let file = command[0] == "run" ? "run/events.jsonl" : "run/replay/alerts.csv"
        #expect(limited.errors.contains("\(file): error: cannot write: File too large"), "\(limited.errors)")
        #expect(contents(run) == before)
        #expect(try Data(contentsOf: run.appendingPathComponent("replay/alerts.csv")) == alerts)
    }
}

/// Whether this test binary (and so the `sanzi` beside it) runs under ThreadSanitizer.
let threadSanitizerIsActive = dlsym(nil, "__tsan_init") != nil
