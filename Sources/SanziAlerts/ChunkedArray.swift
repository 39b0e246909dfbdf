/// An array that grows by fixed chunks of 4,096 elements instead of doubling: it never holds
/// more than a chunk of room it does not use, and growing never copies what it holds (a
/// doubling array briefly holds its old and new storage, three times its elements, at the
/// moment it grows). For stores that only grow, read by position.
struct ChunkedArray<Element: Sendable>: Sendable {
    private static var shift: Int { 12 }
    private static var chunkSize: Int { 1 << shift }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    mutating func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { append(element) }
    }

    subscript(position: Int) -> Element {
        chunks[position >> Self.shift][position & (Self.chunkSize - 1)]
    }

    /// The elements at `positions`, in order.
    subscript(positions: Range<Int>) -> [Element] {
        positions.map { self[$0] }
    }
}

extension ChunkedArray: Equatable where Element: Equatable {}
