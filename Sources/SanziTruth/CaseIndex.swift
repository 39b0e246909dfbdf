import SanziEvents

/// The cases (and look-alikes) that touched each event, built once per run and read by every
/// evaluation of it and by a dataset's label columns.
///
/// The (event, case) pairs are counted into blocks of consecutive event ids (a counting sort:
/// no copy of the pairs is made to sort them), and a pair keeps only its case and the event's
/// offset in its block. Blocks are sized to hold eight to sixteen pairs on average, so a
/// look-up reads one short block, and none for an event no case touched (`touched`). About 6
/// bytes a pair where the log's ids run 1, 2, 3, … (a case, a one-byte offset, and a block's
/// start shared by eight or more), and 3 more for the bits of the ids between; sorted (event,
/// case) pairs took 16, and 8 more while sorting (12,000 villages over five years: 724,201
/// pairs, 11.3 MB resident and 16.6 at the peak of the sort), the largest thing the
/// evaluation built.
public struct CaseIndex: Sendable {
    /// The smallest event id a case touched: block 0 starts there.
    private let base: UInt64
    /// A block is `1 << shift` event ids wide.
    private let shift: UInt64
    /// Bytes of an offset in its block (little-endian): 1 unless the ids are sparse.
    private let width: Int
    /// Block `b`'s pairs are `starts[b] ..< starts[b + 1]`; empty when no case touched an event.
    private let starts: [Int]
    /// Each pair's case (its position in `truth.cases`), block after block, in case order.
    private let cases: [Int32]
    /// Each pair's event, as its offset in its block, `width` bytes a pair.
    private let offsets: [UInt8]
    /// A bit for each event id from `base`, set when a case touched it: most alerts touch no
    /// case, and their look-ups end here without reading a block (2.2 MB at 12,000 villages
    /// over five years; tuning scores every alert thousands of times). Nil when the ids are so
    /// sparse that it would take more than 32 bytes a pair.
    private let touched: WordBits?

    public init(_ truth: GroundTruth) {
        var (count, smallest, largest) = (0, UInt64.max, UInt64.min)
        for position in truth.cases.indices {
            let events = truth.cases.events(at: position)
            count += events.count
            for event in events { (smallest, largest) = (min(smallest, event), max(largest, event)) }
        }
        guard count > 0 else {
            (base, shift, width, starts, cases, offsets, touched) = (0, 0, 1, [], [], [], nil)
            return
        }
        var shift: UInt64 = 0
        while (largest - smallest) >> shift > UInt64(count / 8) { shift += 1 }
        let width = max(1, (Int(shift) + 7) / 8)
        var next = [Int](repeating: 0, count: Int((largest - smallest) >> shift) + 2)
        for position in truth.cases.indices {
            for event in truth.cases.events(at: position) { next[Int((event - smallest) >> shift) + 1] += 1 }
        }
        for block in next.indices.dropFirst() { next[block] += next[block - 1] }
        let starts = next
        var cases = [Int32](repeating: 0, count: count)
        var offsets = [UInt8](repeating: 0, count: count * width)
        let mask: UInt64 = (1 << shift) &- 1
        let words = (largest - smallest) >> 6 + 1
        var touched = words <= UInt64(count) * 4 ? WordBits(roomFor: Int(words) << 6) : nil
        for index in truth.cases.indices {
            for event in truth.cases.events(at: index) {
                let relative = event - smallest
                touched?.insert(Int(relative))
                let block = Int(relative >> shift)
                let pair = next[block]
                next[block] += 1
                cases[pair] = Int32(index)
                for byte in 0..<width {
                    offsets[pair * width + byte] = UInt8(truncatingIfNeeded: (relative & mask) >> (8 * byte))
                }
            }
        }
        (self.base, self.shift, self.width, self.starts, self.cases, self.offsets, self.touched) =
            (smallest, shift, width, starts, cases, offsets, touched)
    }

    /// Calls `body` with the index of each case that touched `event`, in case order.
    public func forEachCase(touching event: UInt64, _ body: (Int) -> Void) {
        guard event >= base else { return }
        let relative = event - base
        guard mayBeTouched(relative) else { return }
        let block = relative >> shift
        guard block < UInt64(max(starts.count - 1, 0)) else { return }
        let offset = relative & ((1 << shift) &- 1)
        for pair in starts[Int(block)]..<starts[Int(block) + 1] where self.offset(of: pair) == offset {
            body(Int(cases[pair]))
        }
    }

    /// Whether a case may have touched the event `relative` ids after `base`: false only when
    /// the bits say no case did.
    private func mayBeTouched(_ relative: UInt64) -> Bool {
        guard let touched else { return true }
        guard let member = Int(exactly: relative) else { return false }  // past every word
        return touched.contains(member)
    }

    /// The offset in its block of the event of `pair`.
    private func offset(of pair: Int) -> UInt64 {
        var offset: UInt64 = 0
        for byte in 0..<width { offset |= UInt64(offsets[pair * width + byte]) << (8 * byte) }
        return offset
    }
}
