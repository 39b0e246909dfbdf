import SanziEvents
import SanziOutput

/// Reads the blocks of some event types from a `TuningLog`'s file and hands their events on in
/// log order: each type's events are in log order in its blocks, so the merge's next event is
/// the one with the smallest id among each type's next. One block of each type is in memory at
/// a time.
struct TypeMerge: ~Copyable {
    /// One type's events: the blocks left to read, and the one read (its place in `buffer`).
    private struct Stream {
        var blocks: ArraySlice<TuningLog.Block>
        var start: Int
        var next = 0
        var end = 0
    }

    private var streams: [Stream]
    /// One block's room for each stream.
    private let buffer: UnsafeMutableBufferPointer<LoggedEvent>

    /// A merge of the types whose blocks are `types` (each non-empty, in log order).
    init(_ types: [[TuningLog.Block]]) {
        buffer = .allocate(capacity: max(1, types.count) * TuningLog.blockEvents)
        streams = types.enumerated().map { Stream(blocks: $1[...], start: $0 * TuningLog.blockEvents) }
    }

    deinit { buffer.deallocate() }

    /// Calls `body` with every event of the types, read from `file`, in log order; a read that
    /// fails throws.
    mutating func forEach(in file: borrowing ScratchFile, _ body: (LoggedEvent) -> Void) throws(OutputError) {
        for index in streams.indices { try load(index, from: file) }
        streams.removeAll { $0.next == $0.end }
        while !streams.isEmpty {
            var first = 0
            for index in streams.indices.dropFirst() where head(index).id < head(first).id { first = index }
            body(head(first))
            streams[first].next += 1
            if streams[first].next == streams[first].end {
                try load(first, from: file)
                if streams[first].next == streams[first].end { streams.remove(at: first) }
            }
        }
    }

    private func head(_ index: Int) -> LoggedEvent { buffer[streams[index].next] }

    /// Reads a stream's next block into its room (none left: the stream is empty).
    private mutating func load(_ index: Int, from file: borrowing ScratchFile) throws(OutputError) {
        guard let block = streams[index].blocks.popFirst() else {
            streams[index].next = streams[index].end
            return
        }
        let start = streams[index].start
        let room = UnsafeMutableBufferPointer(rebasing: buffer[start..<start + block.count])
        try file.read(into: UnsafeMutableRawBufferPointer(room), at: block.offset)
        streams[index].next = start
        streams[index].end = start + block.count
    }
}
