import Foundation
import SanziEvents
import SanziOutput
import Testing

@testable import SanziWorld

/// The values of old deals set aside in a file read back as they were kept, and a run that
/// sets them aside is the run that keeps them in memory.
@Suite("Values set aside")
struct ValueSpillTests {
    /// A fresh folder for one test's files, removed by `body`'s end.
    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-values-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    /// 1,000 values (some beyond 32 bits, negative, or just below the mark of a large one) in
    /// blocks of 16: every id reads back what was appended, ids out of range read nothing, and
    /// fewer than two blocks stay in memory.
    @Test func valuesReadBackFromTheFile() throws {
        try Self.withFolder { folder in
            let spill = ValueSpill(in: folder, blockSize: 16)
            var setAside = ValuesByID(settingAsideIn: spill)
            var kept = ValuesByID()
            let values = (0..<1_000).map { index -> Int64 in
                switch index % 7 {
                case 0: Int64(UInt32.max) + Int64(index)
                case 1: -Int64(index)
                case 2: Int64(UInt32.max) - 1
                default: Int64(index) * 1_234_567
                }
            }
            for value in values {
                setAside.append(value)
                kept.append(value)
            }
            try spill.check()
            #expect(setAside.count == 1_000 && setAside.inMemory < 32 && kept.inMemory == 1_000)
            for id in Int64(0)...1_001 {
                #expect(setAside.value(of: id) == kept.value(of: id), "id \(id)")
            }
            #expect(setAside.value(of: 1) == Int64(UInt32.max) && setAside.value(of: 2) == -1)
        }
    }

    /// Three stores share the spill's one file, their blocks interleaved as they fill, and
    /// each reads back its own values.
    @Test func storesShareTheFile() throws {
        try Self.withFolder { folder in
            let spill = ValueSpill(in: folder, blockSize: 4)
            var stores = (0..<3).map { _ in ValuesByID(settingAsideIn: spill) }
            for step in 0..<300 {
                let store = step * 7 % 3
                stores[store].append(Int64(1_000 * store + stores[store].count))
            }
            try spill.check()
            for (store, values) in stores.enumerated() {
                #expect(values.count == 100 && values.inMemory < 8)
                for id in Int64(1)...100 { #expect(values.value(of: id) == Int64(1_000 * store) + id - 1) }
            }
            #expect(FileManager.default.enumerator(atPath: folder)?.allObjects.isEmpty == true, "unlinked")
        }
    }

    /// A split run's districts (four here, each with two stores, on two threads) share the file
    /// too: the same log and truth as with every value in memory.
    @Test func aSplitRunIsTheSameWithTheValuesSetAside() throws {
        let scenario = try SplitRunTests.scenario()
        let (kept, _, keptEvents) = SplitRunTests.run(scenario, threads: 1)
        try Self.withFolder { folder in
            let spill = ValueSpill(in: folder, blockSize: 8)
            let collector = EventCollector()
            let (summary, shards) = SplitRun.run(
                scenario, seed: scenario.seed, sink: collector, threads: 2, spill: spill)
            try spill.check()
            #expect(shards.worlds.allSatisfy { $0.platform.contractValues.inMemory < 16 })
            #expect(shards.worlds.contains { $0.platform.contractValues.count > 100 })
            #expect(summary.truth == kept.truth)
            let sameLog = collector.events == keptEvents  // not printed whole when it fails
            #expect(sameLog)
        }
    }

    /// A folder that cannot hold the file: the values stay in memory and `check()` says why.
    @Test func aFileThatCannotBeMadeIsReported() {
        let spill = ValueSpill(in: "/proc/sanzi-no-such-folder", blockSize: 4)
        var values = ValuesByID(settingAsideIn: spill)
        for value in Int64(1)...20 { values.append(value) }
        #expect(values.value(of: 20) == 20 && values.inMemory == 20)
        #expect(throws: OutputError.self) { try spill.check() }
    }

    /// The default scenario with blocks of 8 (its leads and petitions name deals read back
    /// from the files) logs the same events and finds the same truth as with every value in
    /// memory.
    @Test func aRunIsTheSameWithTheValuesSetAside() throws {
        let scenario = try WorldFixtures.scenario("default")
        try Self.withFolder { folder in
            let spill = ValueSpill(in: folder, blockSize: 8)
            let collector = EventCollector()
            let (summary, world) = WorldRun.run(scenario, seed: scenario.seed, sink: collector, spill: spill)
            try spill.check()
            let kept = WorldFixtures.run(scenario)
            #expect(world.platform.listingValues.inMemory < 16 && world.platform.listingValues.count > 100)
            #expect(world.platform.contractValues.inMemory < 16 && world.platform.contractValues.count > 100)
            #expect(summary.truth == kept.summary.truth)
            #expect(collector.events == kept.events)
            #expect(kept.events.contains { $0.record.type == .lead })
        }
    }
}
