import CSanziPrefetch
import SanziEngine

/// The "limit" row: workload A1 as one hand-written loop over a bare 4-ary heap of 128-bit
/// keys (time, sequence), cache-line aligned and prefetched like the engine's, with the same
/// random stream and rounding, but without the engine's generality: no payload slab, no
/// priorities, no cancellation, no model or observer. The engine's distance to it is the
/// price of that generality.
enum LimitLoop {
    static func run(processes: Int, horizon: Double, seed: UInt64) -> Int {
        var random = RandomStream(seed: seed).derived("A")
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (processes + 4) * 16, alignment: 64)
        defer { raw.deallocate() }
        let heap = raw.bindMemory(to: UInt128.self, capacity: processes + 4) + 3
        var count = 0
        var sequence: UInt128 = 0

        func push(_ time: Int64) {
            let key = UInt128(UInt64(time)) &<< 64 | sequence
            sequence &+= 1
            var hole = count
            count += 1
            while hole > 0 {
                let parent = (hole &- 1) &>> 2
                guard key < heap[parent] else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = key
        }

        func pop() -> Int64 {
            let first = heap[0]
            count -= 1
            let last = heap[count]
            var hole = 0
            while true {
                let child = 4 &* hole &+ 1
                guard child < count else { break }
                let grandchildren = heap + (4 &* child &+ 1)
                sanzi_prefetch(grandchildren)
                sanzi_prefetch(grandchildren + 4)
                sanzi_prefetch(grandchildren + 8)
                sanzi_prefetch(grandchildren + 12)
                var best = child
                var bestKey = heap[child]
                if child + 3 < count {
                    let k1 = heap[child + 1]
                    let k2 = heap[child + 2]
                    let k3 = heap[child + 3]
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
                        if heap[next] < bestKey {
                            best = next
                            bestKey = heap[next]
                        }
                        next += 1
                    }
                }
                guard bestKey < last else { break }
                heap[hole] = bestKey
                hole = best
            }
            heap[hole] = last
            return Int64(truncatingIfNeeded: first &>> 64)
        }

        for _ in 0..<processes { push(Int64(random.exponential(rate: 1) * ticksPerUnit)) }
        let end = Int64(horizon * ticksPerUnit)
        var events = 0
        while count > 0, Int64(truncatingIfNeeded: heap[0] &>> 64) < end {
            let now = pop()
            events += 1
            push(now + Int64(random.exponential(rate: 1) * ticksPerUnit))
        }
        return events
    }
}
