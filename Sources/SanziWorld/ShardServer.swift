import Foundation

/// A district's world kept apart from its split run: answers the run's calls, messages of
/// `ShardWire`, over a `LocalShard` it builds at the first (`sanzi shard`, or in one process
/// through `LoopbackChannel`).
public final class ShardServer {
    private let spill: ValueSpill
    private var shard: LocalShard?
    private let records = SplitRun.ShardRecords()
    private let touches = CaseTouches()
    /// How many of the shared firms the run was told of.
    private var firmsTold = 0

    /// A server whose world keeps its deals' values in `spill`.
    public init(spill: ValueSpill = ValueSpill()) { self.spill = spill }

    /// The answer to a call, with the records logged and the events touched while answering.
    /// A call that cannot be read or answered gets `.failed`.
    public func answer(_ message: [UInt8]) -> [UInt8] {
        var reply: ShardWire.Reply
        do {
            reply = ShardWire.Reply(answer: try answering(ShardWire.read(ShardWire.Call.self, from: message).value))
        } catch {
            reply = ShardWire.Reply(answer: .failed("\(error)"))
        }
        reply.state = state()
        defer { records.merged() }
        do {
            return try ShardWire.message(reply, records: records.pending, touches: touches.takeKept())
        } catch {
            return (try? ShardWire.message(ShardWire.Reply(answer: .failed("\(error)")))) ?? []
        }
    }

    /// What the run reads of the district now, the shared firms it was not told of yet.
    private func state() -> ShardWire.State? {
        guard let shard else { return nil }
        let replicas = shard.replicas(firmsFrom: firmsTold)
        firmsTold += replicas.firms.count
        return ShardWire.State(replicas: replicas, warningSystemRuns: shard.warningSystemRuns)
    }

    /// Answers the calls on `calls` on `answers` until `calls` ends.
    public func serve(calls: ShardStream, answers: ShardStream) throws {
        while let call = try calls.receive() { try answers.send(answer(call)) }
    }

    private func answering(_ call: ShardWire.Call) throws -> ShardWire.Answer {
        guard let shard else {
            guard case .build(let place, let cut, let seed, let knowledge, let wire) = call else {
                throw ShardWire.Malformed(description: "a call before the district was built")
            }
            guard wire == ShardWire.version else {
                throw ShardWire.Malformed(
                    description: "a run speaking version \(wire) of the messages, this sanzi \(ShardWire.version)")
            }
            guard cut.geography.districts.count == 1 else {
                throw ShardWire.Malformed(
                    description: "a scenario of \(cut.geography.districts.count) districts, not one")
            }
            self.shard = LocalShard(
                cut, place: place, seed: seed, knowledge: knowledge, spill: spill, records: records, touches: touches)
            return .built
        }
        switch call {
        case .build: throw ShardWire.Malformed(description: "a district built twice")
        case .simulate(let day):
            shard.startDay(day)
            return .count(shard.finishDay())
        case .receive(let warnings):
            shard.receive(warnings)
            return .done
        case .windowNews:
            let (news, now) = shard.windowNews()
            return .news(news, now: now)
        case .windowBegins(let news):
            guard shard.fits(news) else {
                throw ShardWire.Malformed(description: "a window's news of firms, leads or posts this district has not")
            }
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
/// as they would between processes (a call is answered as it is posted).
public final class LoopbackChannel: ShardChannel, @unchecked Sendable {
    private let server: ShardServer
    private var answer: [UInt8] = []

    public init(_ server: ShardServer) { self.server = server }

    public func post(_ message: [UInt8]) throws { answer = server.answer(message) }
    public func collect() throws -> [UInt8] { answer }
}
