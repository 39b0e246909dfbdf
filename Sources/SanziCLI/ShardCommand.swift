import ArgumentParser
import Foundation
import SanziWorld

/// `sanzi shard`: one district's world for a run that keeps its districts in processes of
/// their own (`sanzi run --district-processes`), speaking on its standard input and output.
struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Keep one district's world for a run split across processes (started by sanzi run).",
        discussion: """
            Not typed by hand: `sanzi run --district-processes` starts one for each district of a \
            scenario with news windows and sends it the scenario cut down to its district. It \
            reads the run's calls on standard input and writes its answers on standard output \
            (each a length of 8 bytes, little-endian, then the message: docs/districts.md, \
            "Districts in processes of their own"), and ends when its input ends. A call it \
            cannot read is answered with the reason, and the run stops.
            """,
        shouldDisplay: false
    )

    func run() throws {
        do {
            try ShardServer().serve(calls: .standardInput, answers: .standardOutput)
        } catch {
            Terminal.printToStandardError("sanzi shard: error: \(error)")
            throw ExitStatus.ioError
        }
    }
}
