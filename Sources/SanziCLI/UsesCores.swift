import ArgumentParser
import SanziRun

/// A command with a `--jobs` option: each declares it with help saying what it spreads over
/// the cores; the default and the check are the same for all.
protocol UsesCores {
    /// The value given with `--jobs`, if any.
    var chosenJobs: Int? { get }
}

extension UsesCores {
    /// The cores the command uses: `--jobs`, or the machine's.
    var jobs: Int { chosenJobs ?? RunPipeline.cores }

    /// Refuses `--jobs` below 1.
    func validateJobs() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}
