import SanziOutput

/// The events each case touched, as the log numbers them (ground truth, never written to the
/// log), gathered while the world runs and grouped by case when the truth is built.
///
/// A run that writes its outputs keeps them in a `Spool` in its staged folder, so that they do
/// not grow with the horizon: at 12,000 villages over five years, 724,478 touches of 119,939
/// cases, which as a list of ids per case added ~4 MB to the run's peak. Other runs keep them
/// in memory, 16 bytes a touch. The first error writing or reading the spool is kept: the truth
/// is then incomplete, and `check()` throws it.
public final class CaseTouches {
    struct Touch: BitwiseCopyable {
        var id: UInt64
        var caseIndex: Int32
        var day: Int32
    }

    /// The ids of the events a case touched, in order, and the days of the first and last.
    struct Events: Equatable, Codable {
        var ids: [UInt64] = []
        var firstDay: Int32 = 0
        var lastDay: Int32 = 0

        mutating func append(_ id: UInt64, on day: Int32) {
            if ids.isEmpty { firstDay = day }
            lastDay = day
            ids.append(id)
        }
    }

    // Used by the world's thread alone (appended to as the log is written, read when the
    // truth is built), so its state needs no exclusivity check at run time.
    @exclusivity(unchecked) private var kept: [Touch] = []
    @exclusivity(unchecked) private var spool: Spool?
    @exclusivity(unchecked) private var failure: OutputError?

    /// Touches kept in memory.
    public init() {}

    /// Touches kept in a spool in `folder`, which exists (`ScratchFile`).
    public init(spoolingIn folder: String) throws(OutputError) {
        spool = try Spool(in: folder, name: "cases.spool")
    }

    /// Notes that case `caseIndex` touched the event `id` of `day`.
    func append(id: UInt64, caseIndex: Int32, day: Int32) {
        let touch = Touch(id: id, caseIndex: caseIndex, day: day)
        guard spool != nil else { return kept.append(touch) }
        spool?.append(touch)
        spool?.endItem()
    }

    /// The touches kept in memory, taken away (a shard's, moved to the run's as the shard's
    /// records are merged).
    func takeKept() -> [Touch] {
        defer { kept = [] }
        return kept
    }

    /// The events of each case by case index, in the order touched.
    func byCase() -> [Events] {
        var cases: [Events] = []
        func add(_ touch: Touch) {
            while cases.count <= Int(touch.caseIndex) { cases.append(Events()) }
            cases[Int(touch.caseIndex)].append(touch.id, on: touch.day)
        }
        guard spool != nil else {
            kept.forEach(add)
            return cases
        }
        do throws(OutputError) {
            try spool?.readBack { reader in
                guard let touch = reader.next(Touch.self) else { return false }
                add(touch)
                return true
            }
        } catch {
            failure = error
        }
        return cases
    }

    /// Throws the first error writing or reading the spool back, if there was one.
    public func check() throws(OutputError) {
        if let failure { throw failure }
    }
}
