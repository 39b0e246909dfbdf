import ArgumentParser
import SanziOutput

/// `--force`, for the commands that write a folder.
struct ForceOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Replace the output folder whole even when an earlier output of this command is not what it holds (a file is never replaced)."
        ))
    var force = false

    /// The output folder, staged beside `out` (`StagedFolder`); a refusal is printed and
    /// exits 73 before any work starts.
    func stage(_ out: String, for command: String) throws -> StagedFolder {
        do throws(OutputError) {
            return try StagedFolder(target: out, command: command, force: force)
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
    }
}
