import Foundation
import SanziAlerts
import SanziEvents
import SanziOutput
import SanziScenario
import Testing

@testable import SanziTuning

/// A seed's log kept on disk for tuning reads back the events it was given, in order, as
/// often and from as many threads as asked.
@Suite("Tuning logs on disk")
struct TuningLogTests {
    /// 100,000 events (8 MB, some thirty of the spool's blocks), each field set from the event's
    /// number so that a block read twice, skipped or out of place shows.
    static let events: [LoggedEvent] = (1...100_000).map { number in
        let value = Int64(number)
        return LoggedEvent(
            id: UInt64(number), day: Int32(number / 300),
            record: LogRecord(
                EventType.allCases[number % EventType.allCases.count], village: Int32(number % 97),
                code: UInt8(number % 7), subject: value, other: -value, party: value * 3, amount: value * 100,
                amount2: -value * 7, count: Int32(number % 1_000), count2: Int32(number % 13)))
    }

    @Test func aLogReadsBackItsEventsInOrderAsOftenAsAsked() throws {
        let log = try TuningLog(Self.events, in: TunerTests.scratch)
        #expect(log.count == Self.events.count)
        #expect(log.events == Self.events)
        var ids: [UInt64] = []
        log.forEach { ids.append($0.id) }
        #expect(ids == Array(1...100_000))
        try log.check()
    }

    @Test func aWriterKeepsWhatARunStreams() throws {
        let writer = try TuningLog.Writer(in: TunerTests.scratch)
        writer.accept(Array(Self.events.prefix(40_000)))
        for event in Self.events.dropFirst(40_000) { writer.accept(event) }
        let log = try writer.finish()
        #expect(log.count == Self.events.count && log.events == Self.events)
        #expect(throws: OutputError.self) { try writer.finish() }
    }

    @Test func threadsReadOneLogAtOnce() throws {
        let log = try TuningLog(Self.events, in: TunerTests.scratch)
        let sums = Concurrently.map(Array(0..<6), cores: 3) { _ in
            var sum: Int64 = 0
            log.forEach { sum &+= $0.record.amount &* Int64($0.day) }
            return sum
        }
        let expected = Self.events.reduce(Int64(0)) { $0 &+ $1.record.amount &* Int64($1.day) }
        #expect(sums == Array(repeating: expected, count: 6))
    }

    @Test func anEmptyLogReadsNothing() throws {
        let log = try TuningLog([], in: TunerTests.scratch)
        #expect(log.count == 0 && log.events.isEmpty)
    }

    @Test func aFolderThatDoesNotExistIsAnErrorThatNamesIt() {
        #expect {
            try TuningLog.Writer(in: "/nonexistent/sanzi-tuning")
        } throws: { error in
            guard case .cannotCreate(let path, _) = error as? OutputError else { return false }
            return path.hasPrefix("/nonexistent/sanzi-tuning/.tuning-log.")
        }
    }

    /// What tuning's replays rest on: every rule, alone or with all the others, raises over the
    /// events of the types its engine reads exactly what it raises over the whole log (fails
    /// if a type the rules or the declarations read is left out of `AlertEngine.reads`).
    @Test func anEngineShownOnlyWhatItReadsRaisesWhatItRaisesOverTheWholeLog() throws {
        let runs = TunerTests.simulated
        try #require(runs.count == 2)
        let alone = RuleCatalogue.documentation.map { rule in
            AlertSettings(rules: RuleCatalogue.documentation.map { .init(id: $0.id, enabled: $0.id == rule.id) })
        }
        var raising = Set<String>()
        for settings in alone + [AlertSettings()] {
            for run in runs {
                var whole = try AlertEngine(settings: settings)
                var shown = whole
                var everything: [Alert] = []
                run.log.forEach { everything += whole.observe($0) }
                var some: [Alert] = []
                var read = 0
                run.log.forEach(reading: shown.reads) { event in
                    read += 1
                    some += shown.observe(event)
                }
                #expect(some == everything, "\(whole.ruleIDs.joined(separator: ","))")
                #expect(read < run.log.count || settings == AlertSettings())
                raising.formUnion(everything.map(\.rule))
            }
        }
        try TuningRun.check(runs)
        #expect(raising.isSuperset(of: ["R01", "R02", "V01", "F01"]), "rules that raise nothing test nothing")
    }
}

/// Tuning's replays set aside on disk read back as they were made.
@Suite("Tuning's replays on disk")
struct ReplayStoreTests {
    /// With no room in memory, every replay asked for again is read back from the file: the
    /// same alerts, events and scores as replays held in memory (fails if a field of an alert
    /// is not written back).
    @Test func replaysReadBackFromDiskAreTheReplaysMade() throws {
        let runs = TunerTests.simulated
        try #require(runs.count == 2)
        var held = try RuleReplay(
            runs: runs, warningSystem: true, escalation: .init(), keepingIn: TunerTests.scratch)
        var read = try RuleReplay(
            runs: runs, warningSystem: true, escalation: .init(), keepingIn: TunerTests.scratch, budget: 0)
        let start = Tuner.settings(of: AlertSettings())
        var asked: [(rule: Int, setting: RuleSetting)] = []
        for (index, rule) in RuleCatalogue.documentation.enumerated() {
            asked.append((index, start[index]))
            for parameter in rule.parameters.prefix(1) {
                asked.append((index, start[index].with(parameter.name, Tuner.grid(for: parameter)[0])))
            }
        }
        // Made, then asked for again: each read back, the others having taken its room.
        for (rule, setting) in asked + asked {
            let made = held.alerts(rule, setting)
            let back = read.alerts(rule, setting)
            #expect(made.map(\.alerts) == back.map(\.alerts), "\(setting)")
            #expect(made.map(\.events) == back.map(\.events), "\(setting)")
        }
        #expect(asked.reduce(0) { $0 + held.alerts($1.rule, $1.setting).reduce(0) { $0 + $1.alerts.count } } > 1_000)
        let trials = asked.map { asked in
            var trial = start
            trial[asked.rule] = asked.setting
            return trial
        }
        #expect(held.metrics(of: trials) == read.metrics(of: trials))
        // Nothing was replayed again: every replay asked for twice was found.
        #expect(held.replays == read.replays && read.replays > 50)
        try read.check()
    }
}
