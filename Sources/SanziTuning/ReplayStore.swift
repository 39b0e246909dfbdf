import SanziAlerts
import SanziEvents
import SanziOutput

/// The alerts of tuning's rule replays: each replay's written to a scratch file once it is
/// made and read back when it is asked for again, the most recently asked for kept in memory
/// up to a budget.
///
/// For each trial the joint search asks for every rule's alerts under its current setting (the
/// same ones trial after trial, so they stay in memory) and for one rule's under an option
/// (another each trial, asked for again only in the next round). Held all in memory, they grew
/// with the seeds, the horizon and the values tried: some 500 MB of the 698 MB bench-large's
/// ten years took on two training seeds.
///
/// A write or read that fails is kept for `check()`; a replay whose alerts cannot be read back
/// is not found, and the caller replays it again.
final class ReplayStore {
    /// A rule under one setting.
    struct Key: Hashable {
        var rule: String
        var setting: RuleSetting
    }

    /// Where one run's alerts are in the file.
    private struct Place {
        var offset: Int
        var length: Int
    }

    /// A replay held in memory: its alerts on each run, their size in the file, and when it was
    /// last asked for.
    private struct Resident {
        var replays: [RuleReplay.Replayed]
        var bytes: Int
        var used: Int
    }

    private var file: ScratchFile
    private var places: [Key: [Place]] = [:]
    private var resident: [Key: Resident] = [:]
    private var residentBytes = 0
    private var asked = 0
    /// Bytes of alerts (as the file holds them) kept in memory at most, besides the replay
    /// last kept.
    let budget: Int
    private var failure: OutputError?

    /// 64 MiB.
    static let defaultBudget = 64 << 20

    /// A store whose file is in `folder`, which exists, keeping up to `budget` bytes of
    /// alerts in memory.
    init(in folder: String, budget: Int = defaultBudget) throws(OutputError) {
        file = try ScratchFile(in: folder, name: "replays")
        self.budget = budget
    }

    /// The alerts kept under `key`, read back unless they are in memory; nil when none are.
    func replays(_ key: Key) -> [RuleReplay.Replayed]? {
        asked += 1
        if let held = resident[key] {
            resident[key]?.used = asked
            return held.replays
        }
        guard let runs = places[key] else { return nil }
        var replays: [RuleReplay.Replayed] = []
        for place in runs {
            do throws(OutputError) {
                replays.append(try read(place, rule: key.rule))
            } catch {
                failure = failure ?? error
                places[key] = nil
                return nil
            }
        }
        hold(replays, under: key, bytes: runs.reduce(0) { $0 + $1.length })
        return replays
    }

    /// Keeps a replay's alerts on each run under `key`.
    func keep(_ replays: [RuleReplay.Replayed], under key: Key) {
        var runs: [Place] = []
        for replayed in replays {
            var buffer = ByteBuffer(capacity: 4096)
            Self.encode(replayed, into: &buffer)
            let place = Place(offset: file.size, length: buffer.count)
            do throws(OutputError) {
                try file.append(buffer.bytes)
            } catch {
                failure = failure ?? error
                return
            }
            runs.append(place)
        }
        places[key] = runs
        hold(replays, under: key, bytes: runs.reduce(0) { $0 + $1.length })
    }

    /// Throws the first error writing or reading the file, if there was one.
    func check() throws(OutputError) {
        if let failure { throw failure }
    }

    /// Holds a replay in memory, letting go of those asked for longest ago while the others
    /// take more than the budget.
    private func hold(_ replays: [RuleReplay.Replayed], under key: Key, bytes: Int) {
        while residentBytes > 0, residentBytes + bytes > budget,
            let oldest = resident.min(by: { $0.value.used < $1.value.used })
        {
            residentBytes -= oldest.value.bytes
            resident[oldest.key] = nil
        }
        resident[key] = Resident(replays: replays, bytes: bytes, used: asked)
        residentBytes += bytes
    }

    /// Each alert as the event it was raised at, then as a spool item (`RaisedAlerts`: the
    /// rule is the replay's, numbered 0, its values dropped before).
    private static func encode(_ replayed: RuleReplay.Replayed, into buffer: inout ByteBuffer) {
        for (position, event) in replayed.events.enumerated() {
            buffer.append(bytesOf: event)
            replayed.alerts.appendItem(at: position, to: &buffer)
        }
    }

    /// One run's alerts of `rule`, read back from `place`.
    private func read(_ place: Place, rule: String) throws(OutputError) -> RuleReplay.Replayed {
        let bytes = try file.read(count: place.length, at: place.offset)
        let replayed = bytes.withUnsafeBytes { bytes -> RuleReplay.Replayed? in
            var reader = Spool.Reader(bytes: bytes)
            var replayed = RuleReplay.Replayed()
            if !reader.isAtEnd { replayed.alerts = RaisedAlerts(ruleIDs: [rule]) }
            while !reader.isAtEnd {
                guard let event = reader.next(UInt64.self), replayed.alerts.appendItem(from: &reader) else {
                    return nil
                }
                replayed.events.append(event)
            }
            return replayed
        }
        guard let replayed else {
            throw .cannotRead(path: file.path, reason: "bytes at \(place.offset) are not alerts")
        }
        return replayed
    }
}
