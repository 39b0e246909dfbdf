import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// A district's world kept elsewhere, reached through a channel (`ShardServer` at its other
/// end): each call goes as a message, and the records and touches that come back with its
/// answer go to the run's sink and touches for the district, as a `LocalShard`'s would.
///
/// When the channel or the other end fails, the failure is kept (`failure`), each later call
/// answers nothing, and the split run stops at the day's end.
final class RemoteShard: ShardHost, @unchecked Sendable {
    private var channel: (any ShardChannel)?
    private let district: Int
    private let records: any EventSink
    private let touches: CaseTouches
    private(set) var failure: ShardFailure?
    /// The city's officials as the district told them with its last answer, and every shared
    /// firm it told of; whether its warning system ran then.
    private var told = ShardReplicas(officials: [], holders: [], firms: [])
    private(set) var warningSystemRuns = false
    /// Whether the answer to the build call is still to be collected.
    private var building = false

    /// Opens the district's channel and asks the other end to build its world from the
    /// scenario cut down to it (`waitUntilBuilt` collects its answer).
    init(
        _ cut: Scenario, place: ShardPlace, seed: UInt64, knowledge: OffenderKnowledge,
        channel: (Int) throws -> any ShardChannel, records: any EventSink, touches: CaseTouches
    ) {
        let district = place.district ?? 0
        (self.district, self.records, self.touches) = (district, records, touches)
        do {
            self.channel = try channel(district)
        } catch {
            failure = ShardFailure(district: district, reason: "\(error)")
        }
        post(.build(place, cut, seed: seed, knowledge: knowledge, wire: ShardWire.version))
        building = true
    }

    func waitUntilBuilt() {
        guard building else { return }
        building = false
        collect()
    }

    func startDay(_ day: Tick) { post(.simulate(day: day)) }

    func finishDay() -> Int {
        guard case .count(let dispatched) = collect() else { return 0 }
        return dispatched
    }

    func replicas(firmsFrom firstFirm: Int) -> ShardReplicas {
        var replicas = told
        replicas.firms = Array(told.firms[min(max(0, firstFirm), told.firms.count)...])
        return replicas
    }

    func receive(_ warnings: [Warning]) { ask(.receive(warnings)) }

    func windowNews() -> (news: World.ShardNews, now: Tick) {
        guard case .news(let news, let now) = ask(.windowNews) else {
            return (World.ShardNews(loads: [], bars: [], published: [], freed: 0, waiting: [], cityPosts: []), 0)
        }
        return (news, now)
    }

    func windowBegins(_ news: World.WindowNews) { ask(.windowBegins(news)) }

    func surveyed(on day: Int32) -> SurveyedVillages {
        guard case .surveyed(let villages) = ask(.surveyed(day: day)) else {
            return SurveyedVillages(respondents: [], seen: [], grievances: [])
        }
        return villages
    }

    func groundTruth(touched: [CaseTouches.Events]) -> GroundTruth {
        guard case .truth(let cases) = ask(.groundTruth(touched)) else { return GroundTruth(cases: []) }
        return GroundTruth(cases: cases)
    }

    var actors: ActorSnapshot {
        guard case .actors(let actors) = ask(.actors) else { return ActorSnapshot(people: [], bidders: [], ties: []) }
        return actors
    }

    var census: Census {
        guard case .census(let census) = ask(.census) else { return Census() }
        return census
    }

    var sharedFirms: Int {
        guard case .count(let firms) = ask(.sharedFirms) else { return 0 }
        return firms
    }

    /// Sends the call and returns its answer (`post`, `collect`).
    @discardableResult
    private func ask(_ call: ShardWire.Call) -> ShardWire.Answer? {
        post(call)
        return collect()
    }

    /// Sends the call, unless the channel or the other end has failed (after the build's
    /// answer, if it was not collected).
    private func post(_ call: ShardWire.Call) {
        waitUntilBuilt()
        guard failure == nil, let channel else { return }
        do {
            try channel.post(ShardWire.message(call))
        } catch {
            failure = ShardFailure(district: district, reason: "\(error)")
        }
    }

    /// Waits for the answer to the call posted last, hands on its records and touches, and
    /// returns it; nil once the channel or the other end has failed.
    @discardableResult
    private func collect() -> ShardWire.Answer? {
        guard failure == nil, let channel else { return nil }
        do {
            let (reply, logged, touched) = try ShardWire.read(ShardWire.Reply.self, from: channel.collect())
            if case .failed(let reason) = reply.answer { throw ShardWire.Malformed(description: reason) }
            if let state = reply.state {
                (told.officials, told.holders) = (state.replicas.officials, state.replicas.holders)
                told.firms += state.replicas.firms
                warningSystemRuns = state.warningSystemRuns
            }
            if !logged.isEmpty { records.accept(logged) }
            for touch in touched { touches.append(id: touch.id, caseIndex: touch.caseIndex, day: touch.day) }
            return reply.answer
        } catch {
            failure = ShardFailure(district: district, reason: "\(error)")
            return nil
        }
    }
}
