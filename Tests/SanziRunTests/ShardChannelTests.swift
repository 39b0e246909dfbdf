import Foundation
import SanziAlerts
import SanziEvents
import SanziRun
import SanziScenario
import Testing

@testable import SanziWorld

/// A split run's districts reached only through messages (`ShardWire`), each world behind a
/// channel, run the same world as those on the run's threads: what crosses is all the run
/// needs of a district, and it survives being written as bytes.
@Suite("Districts behind channels")
struct ShardChannelTests {
    /// `DistrictRulesTests`' county (windows of 30 days, changes for every district, warnings
    /// acting on the world a week after their alerts) with a survey of the whole city, which
    /// asks every district's villages.
    static func scenario() throws -> Scenario {
        var scenario = try DistrictRulesTests.scenario()
        let path = "\(SettingCoverageTests.root)/Scenarios/county-districts.xml"
        let survey = #"<surveys><survey name="City" date="2014-11-20" sample="400"/></surveys>"#
        let text = try String(contentsOfFile: path, encoding: .utf8).replacing("<output ", with: survey + "<output ")
        scenario.surveys = try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: path).value.surveys
        return scenario
    }

    /// What a run wrote: its log, alerts, truth, actors and census.
    struct Outputs: Equatable {
        var events: [LoggedEvent]
        var alerts: [Alert]
        var truth: String
        var actors: Data
        var census: Census
    }

    /// JSON in one order of keys.
    static let sorted = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func run(_ scenario: Scenario, jobs: Int, hosting: ShardHosting) throws -> Outputs {
        let log = EventCollector()
        let result = RunPipeline.simulate(
            scenario, seed: scenario.seed, rules: try AlertEngine(settings: scenario.alerts), consumers: [log],
            jobs: jobs, hosting: hosting)
        #expect(result.world.failure == nil)
        return Outputs(
            events: log.events, alerts: Array(result.alerts), truth: "\(result.summary.truth)",
            actors: try Self.sorted.encode(result.world.actors), census: result.world.census)
    }

    /// Each district behind a channel to a server in this process, its calls and answers
    /// going through their bytes.
    static func loopback() -> ShardHosting {
        .channels { _ in LoopbackChannel(ShardServer()) }
    }

    @Test func theDistrictsBehindChannelsRunTheSameWorld() throws {
        let scenario = try Self.scenario()
        // What a district is built from crosses whole.
        let cut = scenario.shard(1).scenario
        #expect(try JSONDecoder().decode(Scenario.self, from: JSONEncoder().encode(cut)) == cut)
        let threads = try Self.run(scenario, jobs: 1, hosting: .threads)
        #expect(threads.events.count > 30_000)
        #expect(threads.events.contains { $0.record.type == .survey && $0.record.village < 0 })
        #expect(threads.events.contains { $0.record.type == .investigationOpened })
        #expect(threads.alerts.count > 1_000)
        for jobs in [1, 3] {
            let channels = try Self.run(scenario, jobs: jobs, hosting: Self.loopback())
            #expect(channels.events == threads.events, "--jobs \(jobs)")
            #expect(channels.alerts == threads.alerts, "--jobs \(jobs)")
            #expect(channels.truth == threads.truth, "--jobs \(jobs)")
            #expect(channels.actors == threads.actors, "--jobs \(jobs)")
            #expect(channels.census == threads.census, "--jobs \(jobs)")
        }
    }

    /// A district whose channel fails stops the run, and says which district and why.
    @Test func aFailingChannelStopsTheRun() throws {
        struct Broken: ShardChannel {
            func post(_ message: [UInt8]) throws {}
            func collect() throws -> [UInt8] { throw ShardWire.Malformed(description: "no answer") }
        }
        let scenario = try Self.scenario()
        let result = RunPipeline.simulate(
            scenario, seed: scenario.seed, rules: try AlertEngine(settings: scenario.alerts), jobs: 1,
            hosting: .channels { district in
                district == 2 ? Broken() as any ShardChannel : LoopbackChannel(ShardServer())
            })
        #expect(result.world.failure?.description == "district 3: no answer")
        #expect(result.summary.days > 0)
    }

    /// A server answers a call it cannot read, or one before its district is built, with the
    /// reason, and goes on.
    @Test func aServerAnswersWhatItCannotReadWithTheReason() throws {
        let server = ShardServer()
        func reason(_ message: [UInt8]) throws -> String? {
            let reply = try ShardWire.read(ShardWire.Reply.self, from: server.answer(message)).value
            guard case .failed(let reason) = reply.answer else { return nil }
            return reason
        }
        #expect(try reason([1, 2, 3]) == "a message cut short (3 bytes)")
        #expect(
            try reason(ShardWire.message(ShardWire.Call.simulate(day: 0))) == "a call before the district was built")
        let scenario = try Self.scenario()
        let whole = ShardWire.Call.build(
            .whole(scenario), scenario, seed: 1, knowledge: OffenderKnowledge(), wire: ShardWire.version)
        #expect(try reason(ShardWire.message(whole)) == "a scenario of 4 districts, not one")
        let (cut, place) = scenario.shard(0)
        let other = ShardWire.Call.build(place, cut, seed: 1, knowledge: OffenderKnowledge(), wire: 0)
        #expect(
            try reason(ShardWire.message(other))
                == "a run speaking version 0 of the messages, this sanzi \(ShardWire.version)")
        var trailing = try ShardWire.message(ShardWire.Call.census)
        trailing.append(0)
        #expect(try reason(trailing) == "bytes after the message's end")
        // A record whose type byte names no event type is refused before it becomes a record.
        let record = LoggedEvent(id: 1, day: 0, record: LogRecord(.village, village: 0))
        var unknown = try ShardWire.message(ShardWire.Call.census, records: [record])
        let json = Int(unknown[0])  // under 256 bytes: the length's first byte
        let type = try #require(MemoryLayout<LoggedEvent>.offset(of: \LoggedEvent.record.type))
        #expect(unknown[8 + json + 8 + type] == EventType.village.rawValue)
        unknown[8 + json + 8 + type] = 255
        #expect(try reason(unknown) == "a value of no known kind")
        // A window's news naming a shared firm or a waiting lead the district has not.
        let build = ShardWire.Call.build(place, cut, seed: 1, knowledge: OffenderKnowledge(), wire: ShardWire.version)
        #expect(try reason(ShardWire.message(build)) == nil)
        #expect(try reason(ShardWire.message(build)) == "a district built twice")
        let strays: [([Int32], [World.CityOpening], [World.CityPostChange])] = [
            ([9_999], [], []), ([], [World.CityOpening(position: 0, queued: 0)], []),
            ([], [], [World.CityPostChange(post: 9_999, holder: 0)]),
        ]
        for (bars, opened, cityPosts) in strays {
            let news = World.WindowNews(
                bars: bars, loads: [], published: Discipline.Seen(), opened: opened, cityPosts: cityPosts)
            #expect(
                try reason(ShardWire.message(ShardWire.Call.windowBegins(news)))
                    == "a window's news of firms, leads or posts this district has not")
        }
    }

    /// A stream of calls cut short ends the server with the reason; a process that ends before
    /// it answers fails the call, saying how it ended.
    @Test func streamsCutShortAndProcessesThatEndFailTheCall() throws {
        let calls = Pipe()
        try calls.fileHandleForWriting.write(contentsOf: [3, 0, 0])
        try calls.fileHandleForWriting.close()
        #expect(throws: ShardWire.Malformed.self) {
            try ShardServer().serve(
                calls: ShardStream(calls.fileHandleForReading), answers: ShardStream(Pipe().fileHandleForWriting))
        }
        let ended = try ProcessChannel(executable: "/bin/sh", arguments: ["-c", "exit 3"])
        #expect {
            try ended.post(ShardWire.message(ShardWire.Call.census))
            _ = try ended.collect()
        } throws: { "\($0)" == "the shard process ended (status 3)" }
    }
}
