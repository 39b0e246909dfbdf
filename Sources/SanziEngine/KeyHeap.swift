import CSanziPrefetch

/// A min-heap of 128-bit event keys (`FutureEventList`'s), laid out for the cache.
///
/// Layout, chosen by measurement (`sanzi-bench`, A2 with 100,000 pending events): a 4-ary heap
/// whose each node's four children share one 64-byte cache line, so a level of the sift costs
/// one cache miss at most, and the next level's lines are asked for while this one's keys are
/// compared.
@usableFromInline
struct KeyHeap: ~Copyable {
    /// Heap storage: logical index i lives at physical index i + 3 of a 64-byte aligned
    /// buffer, so the children 4i+1 … 4i+4 share one cache line.
    @usableFromInline var keys: UnsafeMutablePointer<UInt128>
    @usableFromInline var capacity: Int
    @usableFromInline var count = 0

    @inlinable
    init() {
        capacity = 61
        keys = Self.allocate(capacity)
    }

    @inlinable deinit { UnsafeMutableRawPointer(keys - 3).deallocate() }

    @inlinable
    static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt128> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (capacity + 3) * 16, alignment: 64)
        return raw.bindMemory(to: UInt128.self, capacity: capacity + 3) + 3
    }

    /// The least key, if any.
    @inlinable var first: UInt128? { count == 0 ? nil : keys[0] }

    @inlinable @inline(__always)
    mutating func insert(_ key: UInt128) {
        if count == capacity { grow() }
        siftUp(key, from: count)
        count += 1
    }

    /// Removes and returns the least key; the heap must not be empty.
    @inlinable @inline(__always)
    mutating func removeFirst() -> UInt128 {
        let first = keys[0]
        count -= 1
        if count > 0 { siftDown(keys[count]) }
        return first
    }

    @inlinable
    mutating func siftUp(_ key: UInt128, from start: Int) {
        var hole = start
        while hole > 0 {
            let parent = (hole &- 1) &>> 2
            let parentKey = keys[parent]
            guard key < parentKey else { break }
            keys[hole] = parentKey
            hole = parent
        }
        keys[hole] = key
    }

    @usableFromInline
    mutating func grow() {
        let larger = capacity * 2 + 3
        let moved = Self.allocate(larger)
        moved.moveInitialize(from: keys, count: count)
        UnsafeMutableRawPointer(keys - 3).deallocate()
        keys = moved
        capacity = larger
    }

    /// Moves `key` down from the root into the hole left by the removed first key.
    @inlinable
    mutating func siftDown(_ key: UInt128) {
        var hole = 0
        while true {
            let child = 4 &* hole &+ 1
            guard child < count else { break }
            // The next level's four candidate groups, one cache line each, load while this
            // level's children are compared.
            let grandchildren = keys + (4 &* child &+ 1)
            sanzi_prefetch(grandchildren)
            sanzi_prefetch(grandchildren + 4)
            sanzi_prefetch(grandchildren + 8)
            sanzi_prefetch(grandchildren + 12)
            var best = child
            var bestKey = keys[child]
            if child + 3 < count {
                let k1 = keys[child + 1]
                let k2 = keys[child + 2]
                let k3 = keys[child + 3]
                if k1 < bestKey {
                    best = child + 1
                    bestKey = k1
                }
                if k2 < bestKey {
                    best = child + 2
                    bestKey = k2
                }
                if k3 < bestKey {
                    best = child + 3
                    bestKey = k3
                }
            } else {
                var next = child + 1
                while next < count {
                    if keys[next] < bestKey {
                        best = next
                        bestKey = keys[next]
                    }
                    next += 1
                }
            }
            guard bestKey < key else { break }
            keys[hole] = bestKey
            hole = best
        }
        keys[hole] = key
    }
}
