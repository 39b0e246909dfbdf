import ArgumentParser
import Foundation
import SanziRun
import SanziWorld

/// `sanzi shard`: one district's world for a run that keeps its districts in processes of
/// their own (`sanzi run --district-processes`), speaking on its standard input and output;
/// with `--listen`, a server of districts' worlds for runs on other machines
/// (`sanzi run --district-hosts`).
struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Keep districts' worlds for runs split across processes or machines.",
        discussion: """
            Without --listen it is not typed by hand: `sanzi run --district-processes` starts one \
            for each district of a scenario with news windows and sends it the scenario cut \
            down to its district. It reads the run's calls on standard input and writes its \
            answers on standard output (each a length of 8 bytes, little-endian, then the \
            message: docs/districts.md, "Districts in processes of their own, and on other \
            machines"), and ends when its input ends. A call it cannot read is answered with the \
            reason, and the run stops.

            With --listen it serves runs over TCP until it is stopped: each connection is one \
            district's world, on a thread of its own. It prints the address it listens on (the \
            port chosen when 0 is given) and nothing else. There is no authentication: listen \
            on a network only the cluster reaches.

              sanzi shard --listen 0.0.0.0:7070 &          # on each machine
              sanzi run county.xml --district-hosts a:7070,b:7070 --out out/county
            """,
        shouldDisplay: false
    )

    @Option(
        help: ArgumentHelp(
            "Serve runs' districts over TCP on this address (HOST:PORT; port 0 picks one).", valueName: "address"),
        transform: { text in
            guard let address = ShardAddress(text) else { throw ValidationError("'\(text)' is not HOST:PORT") }
            return address
        })
    var listen: ShardAddress?

    func run() throws {
        do {
            if let listen { try serve(on: listen) }
            try ShardServer().serve(calls: ShardStream(.standardInput), answers: ShardStream(.standardOutput))
        } catch {
            Terminal.printToStandardError("sanzi shard: error: \(error)")
            throw ExitStatus.ioError
        }
    }

    /// Listens on `address`, says where, and serves until stopped.
    private func serve(on address: ShardAddress) throws -> Never {
        let listener = try ShardListener(address)
        // Unbuffered: whoever started it reads the address before any connection.
        try FileHandle.standardOutput.write(contentsOf: Array("listening on \(listener.address)\n".utf8))
        try listener.serve()
    }
}
