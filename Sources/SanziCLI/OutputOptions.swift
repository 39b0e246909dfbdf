import ArgumentParser
import SanziOutput
import SanziScenario

/// `--max-memory`, for the commands that simulate.
struct MemoryOption: ParsableArguments {
    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "Refuse a scenario whose estimated memory is above this many MiB (sanzi validate prints the estimate).",
            valueName: "MiB"))
    var maxMemory = 8_192

    /// Throws, with a located error, when `runs` runs of `scenario` at once would need more
    /// memory than the budget.
    func check(_ scenario: Scenario, runs: Int = 1, source: String) throws {
        let estimate = ResourceEstimate(scenario)
        let needed = (estimate.memoryBytes >> 20) * runs
        guard needed > maxMemory else { return }
        let location = scenario.sections[.geography].map(\.description) ?? source
        let together = runs > 1 ? " (\(runs) runs at once, each \(estimate))" : " (\(estimate))"
        Terminal.printToStandardError(
            "\(location): error: the scenario needs about \(needed) MiB\(together), above the budget of \(maxMemory) MiB (hint: raise it with --max-memory, or simulate fewer villages, a shorter horizon or fewer runs at once)"
        )
        throw ExitStatus.invalidData
    }

    func validate() throws {
        guard maxMemory > 0 else { throw ValidationError("--max-memory must be at least 1 MiB") }
    }
}

/// `--force`, for the commands that write a folder.
struct ForceOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Replace the output folder whole even when an earlier output of this command is not what it holds (a file is never replaced)."
        ))
    var force = false

    /// The output folder, staged beside `out` (`StagedFolder`); a refusal is printed and
    /// exits 73 before any work starts.
    func stage(_ out: String, for command: String, resumable: Bool = false) throws -> StagedFolder {
        do throws(OutputError) {
            return try StagedFolder(target: out, command: command, force: force, resumable: resumable)
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
    }
}

extension StagedFolder {
    /// Writes the outputs into the staged folder and moves it into place, returning their
    /// final paths; a failure ends the command with status 73, naming the final path.
    consuming func complete(_ write: (String) throws(OutputError) -> [String]) throws -> [String] {
        do throws(OutputError) {
            let paths: [String]
            do throws(OutputError) {
                paths = finalPaths(try write(path))
            } catch {
                throw finalError(error)
            }
            try commit()
            return paths
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
    }
}
