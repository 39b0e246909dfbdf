import Foundation

/// A district's world kept apart from its split run: answers the run's calls, messages of
/// `ShardWire`, over a `LocalShard` it builds at the first (`sanzi shard`, or in one process
/// through `LoopbackChannel`).
public final class ShardServer {
    private let spill: ValueSpill
    private var shard: LocalShard?
    private let records = SplitRun.ShardRecords()
    private let touches = CaseTouches()

    /// A server whose world keeps its deals' values in `spill`.
    public init(spill: ValueSpill = ValueSpill()) { self.spill = spill }

    /// The answer to a call, with the records logged and the events touched while answering.
    /// A call that cannot be read or answered gets `.failed`.
    public func answer(_ message: [UInt8]) -> [UInt8] {
        let answer: ShardWire.Answer
        do {
            answer = try answering(ShardWire.read(ShardWire.Call.self, from: message).value)
        } catch {
            answer = .failed("\(error)")
        }
        defer { records.merged() }
        do {
            return try ShardWire.message(answer, records: records.pending, touches: touches.takeKept())
        } catch {
            return (try? ShardWire.message(ShardWire.Answer.failed("\(error)"))) ?? []
        }
    }

    /// Answers the calls on `calls` on `answers` until `calls` ends.
    public func serve(calls: ShardStream, answers: ShardStream) throws {
        while let call = try calls.receive() { try answers.send(answer(call)) }
    }

    private func answering(_ call: ShardWire.Call) throws -> ShardWire.Answer {
        if case .build(let place, let cut, let seed, let knowledge, let wire) = call {
            guard wire == ShardWire.version else {
                throw ShardWire.Malformed(
                    description: "a run speaking version \(wire) of the messages, this sanzi \(ShardWire.version)")
            }
            guard shard == nil else { throw ShardWire.Malformed(description: "a district built twice") }
            guard cut.geography.districts.count == 1 else {
                throw ShardWire.Malformed(
                    description: "a scenario of \(cut.geography.districts.count) districts, not one")
            }
            shard = LocalShard(
                cut, place: place, seed: seed, knowledge: knowledge, spill: spill, records: records, touches: touches)
            return .built
        }
        guard let shard else { throw ShardWire.Malformed(description: "a call before the district was built") }
        switch call {
        case .build: return .built
        case .simulate(let day): return .count(shard.simulate(day))
        case .replicas(let first): return .replicas(shard.replicas(firmsFrom: first))
        case .warningSystemRuns: return .flag(shard.warningSystemRuns)
        case .receive(let warnings):
            shard.receive(warnings)
            return .done
        case .windowNews:
            let (news, now) = shard.windowNews()
            return .news(news, now: now)
        case .windowBegins(let news):
            shard.windowBegins(news)
            return .done
        case .surveyed(let day): return .surveyed(shard.surveyed(on: day))
        case .groundTruth(let touched): return .truth(Array(shard.groundTruth(touched: touched).cases))
        case .actors: return .actors(shard.actors)
        case .census: return .census(shard.census)
        case .sharedFirms: return .count(shard.sharedFirms)
        }
    }
}

/// A channel to a server in the same process: the calls and answers go through their bytes
/// as they would between processes.
public struct LoopbackChannel: ShardChannel, @unchecked Sendable {
    let server: ShardServer

    public init(_ server: ShardServer) { self.server = server }

    public func send(_ message: [UInt8]) throws -> [UInt8] { server.answer(message) }
}
