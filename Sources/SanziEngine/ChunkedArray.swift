/// An array that grows by fixed chunks of 4,096 elements instead of doubling: it never holds
/// more than a chunk of room it does not use, and growing never copies what it holds (a
/// doubling array briefly holds its old and new storage, three times its elements, at the
/// moment it grows). For stores that only grow, read and changed by position: the alerts a run
/// read back (`RaisedAlerts`), and the world's records of every case and deal, which grow with
/// the horizon (at 12,000 villages over ten years a doubling of the deals' values, a million
/// of them, came near the end of the run, on top of its largest world). The first chunk grows
/// as an array does, so that a small store stays small: a run split by district keeps five
/// such stores in each of its forty worlds, and a full first chunk each took 18 MB.
public struct ChunkedArray<Element: Sendable>: Sendable {
    @usableFromInline static var shift: Int { 12 }
    @usableFromInline static var chunkSize: Int { 1 << shift }

    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var appended = 0
    /// The elements appended.
    @inlinable public var count: Int { appended }

    public init() {}

    /// Adds `element` after the others.
    @inlinable public mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 { startChunk() }
        chunks[chunks.count - 1].append(element)
        appended += 1
    }

    @usableFromInline mutating func startChunk() {
        chunks.append([])
        if chunks.count > 1 { chunks[chunks.count - 1].reserveCapacity(Self.chunkSize) }
    }

    /// Adds `elements` after the others, in their order.
    @inlinable public mutating func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { append(element) }
    }

    /// The element at `position` (from 0, below `count`), changed in place.
    @inlinable public subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & (Self.chunkSize - 1)] }
        _modify { yield &chunks[position >> Self.shift][position & (Self.chunkSize - 1)] }
    }

    /// The elements at `positions`, in order.
    @inlinable public subscript(positions: Range<Int>) -> [Element] {
        positions.map { self[$0] }
    }
}

extension ChunkedArray: Equatable where Element: Equatable {}
