/// Lists of event keys in chunks of `chunkSize` keys from one pool, for `EventCalendar`'s
/// buckets: a key is written after its list's last, a list's chunks go back to the pool when
/// its keys are taken, and a freed chunk is the first reused (still in the cache). The pool
/// holds the keys waiting and a chunk's worth of room per list, not each list's largest size.
@usableFromInline
struct KeyChunks: ~Copyable {
    /// 16 keys, 256 bytes. A list's last chunk is half empty on average, and a district's world
    /// in a split run holds a fortieth of the whole world's keys a bucket: chunks of 64 held 10
    /// MB more at the peak of a split run of 12,000 villages over five years; the whole world
    /// is the same either way (peak, and instructions within 0.03%).
    @usableFromInline static var chunkSize: Int { 16 }

    /// A list: its first and last chunk (-1 while empty) and how many keys the last holds.
    @usableFromInline
    struct List {
        @usableFromInline var first: Int32 = -1
        @usableFromInline var last: Int32 = -1
        @usableFromInline var lastCount = 0

        @inlinable init() {}

        @inlinable var isEmpty: Bool { first < 0 }
    }

    /// Chunk `c`'s keys from `c · chunkSize`.
    @usableFromInline var keys: UnsafeMutablePointer<UInt128>
    /// Per chunk, the next of its list, or of the free ones; -1 after the last.
    @usableFromInline var next: UnsafeMutablePointer<Int32>
    @usableFromInline var capacity = 16
    @usableFromInline var made = 0
    @usableFromInline var free: Int32 = -1

    @inlinable
    init() {
        keys = .allocate(capacity: capacity * Self.chunkSize)
        next = .allocate(capacity: capacity)
    }

    @inlinable deinit {
        keys.deallocate()
        next.deallocate()
    }

    /// Writes `key` after the last of `list`.
    @inlinable
    mutating func append(_ key: UInt128, to list: inout List) {
        if list.isEmpty || list.lastCount == Self.chunkSize {
            let chunk = takeChunk()
            if list.isEmpty { list.first = chunk } else { next[Int(list.last)] = chunk }
            (list.last, list.lastCount) = (chunk, 0)
        }
        keys[Int(list.last) &* Self.chunkSize &+ list.lastCount] = key
        list.lastCount += 1
    }

    /// Inserts the keys of `list` into `heap`, gives its chunks back and empties it; returns
    /// how many keys it had.
    @inlinable
    mutating func move(_ list: inout List, to heap: inout KeyHeap) -> Int {
        var moved = 0
        var chunk = list.first
        while chunk >= 0 {
            let chunkKeys = keys(of: chunk, in: list)
            for key in chunkKeys { heap.insert(key) }
            moved += chunkKeys.count
            let following = next[Int(chunk)]
            next[Int(chunk)] = free
            free = chunk
            chunk = following
        }
        list = List()
        return moved
    }

    /// The least key of `list`, `UInt128.max` when it is empty.
    @inlinable
    func least(in list: List) -> UInt128 {
        var least = UInt128.max
        var chunk = list.first
        while chunk >= 0 {
            for key in keys(of: chunk, in: list) where key < least { least = key }
            chunk = next[Int(chunk)]
        }
        return least
    }

    /// The keys of `list` in `chunk`: a whole chunk's, or the last one's so far.
    @inlinable
    func keys(of chunk: Int32, in list: List) -> UnsafeBufferPointer<UInt128> {
        UnsafeBufferPointer(
            start: keys + Int(chunk) &* Self.chunkSize, count: chunk == list.last ? list.lastCount : Self.chunkSize)
    }

    @usableFromInline
    mutating func takeChunk() -> Int32 {
        let chunk: Int32
        if free >= 0 {
            chunk = free
            free = next[Int(chunk)]
        } else {
            if made == capacity { grow() }
            chunk = Int32(made)
            made += 1
        }
        next[Int(chunk)] = -1
        return chunk
    }

    @usableFromInline
    mutating func grow() {
        precondition(capacity < Int(Int32.max) / 2, "more event keys waiting than a calendar can hold")
        let larger = capacity * 2
        keys = keys.moved(count: made * Self.chunkSize, toCapacity: larger * Self.chunkSize)
        next = next.moved(count: made, toCapacity: larger)
        capacity = larger
    }
}
