/// The keys of the events a `FutureEventList` keeps out of its heap until their time nears:
/// buckets of `2^shift` ticks, in a ring for the next `ringSize` buckets and in a heap of their
/// own beyond.
///
/// A model whose events are mostly due long after they are scheduled (a village's rents, a
/// year ahead) keeps them here, so the list's heap holds one bucket's events and stays in the
/// cache: the heap of every pending event, 6 MiB at 12,000 villages, cost a cache miss at
/// each of its last levels for every event taken out (`docs/districts.md`, "The event list's
/// calendar"). Each key is written once, after the last of its bucket, and read in order
/// when its bucket is next.
@usableFromInline
struct EventCalendar: ~Copyable {
    @usableFromInline static var ringSize: Int { 1024 }

    /// How far right of a key its bucket's number is.
    @usableFromInline let keyShift: UInt64
    /// log2 of a bucket's width in ticks.
    @usableFromInline let shift: UInt64
    /// The first bucket not yet moved to the list's heap: keys of earlier buckets belong
    /// there. `Int64.max` when the calendar is off.
    @usableFromInline var base: Int64
    /// Bucket `b` (`base ≤ b < base + ringSize`) at `b mod ringSize`, its keys as scheduled,
    /// in `chunks`.
    @usableFromInline var ring: [KeyChunks.List]
    @usableFromInline var chunks = KeyChunks()
    /// Keys scheduled `ringSize` buckets or more after the base when they came.
    @usableFromInline var beyond = KeyHeap()
    /// The keys in the ring and beyond.
    @usableFromInline var count = 0

    /// A calendar of buckets `width` ticks wide (a power of two), for keys whose time, in
    /// ticks, starts at bit `timeShift`; without a width, one that keeps nothing.
    @usableFromInline
    init(width: Tick?, timeShift: UInt64) {
        guard let width else {
            (keyShift, shift, base, ring) = (timeShift, 0, .max, [])
            return
        }
        precondition(width > 0 && width & (width - 1) == 0, "a bucket's width must be a power of two, not \(width)")
        shift = UInt64(width.trailingZeroBitCount)
        keyShift = timeShift + shift
        base = 0
        ring = Array(repeating: KeyChunks.List(), count: Self.ringSize)
    }

    /// The bucket of a time `offset` ticks after the list's origin.
    @inlinable func bucket(ofOffset offset: Int64) -> Int64 { offset &>> shift }

    /// Keeps `key`, of `bucket` (at or after `base`).
    @inlinable
    mutating func insert(_ key: UInt128, bucket: Int64) {
        count += 1
        guard bucket - base < Int64(Self.ringSize) else { return beyond.insert(key) }
        chunks.append(key, to: &ring[Self.place(of: bucket)])
    }

    /// Moves the keys of the next bucket that has any to `heap`, and makes the bucket after it
    /// the base. The calendar must not be empty.
    @usableFromInline
    mutating func moveNextBucket(to heap: inout KeyHeap) {
        let inRing = nextBucketInRing() ?? .max
        let bucket = beyond.count == 0 ? inRing : min(inRing, Int64(truncatingIfNeeded: beyond.keys[0] &>> keyShift))
        if inRing == bucket { count -= chunks.move(&ring[Self.place(of: bucket)], to: &heap) }
        while let key = beyond.first, Int64(truncatingIfNeeded: key &>> keyShift) == bucket {
            heap.insert(beyond.removeFirst())
            count -= 1
        }
        base = bucket + 1
    }

    /// The least key, if any: of the next bucket in the ring, or beyond (O(the bucket's keys):
    /// for the rare look at the first event while the list's heap is empty).
    @usableFromInline
    func firstKey() -> UInt128? {
        guard count > 0 else { return nil }
        var least = beyond.count > 0 ? beyond.keys[0] : UInt128.max
        if let bucket = nextBucketInRing() {
            least = min(least, chunks.least(in: ring[Self.place(of: bucket)]))
        }
        return least
    }

    /// The first bucket from the base on that has keys in the ring (for a model with events
    /// on most days, the base itself).
    @usableFromInline
    func nextBucketInRing() -> Int64? {
        for bucket in base..<(base + Int64(Self.ringSize)) where !ring[Self.place(of: bucket)].isEmpty {
            return bucket
        }
        return nil
    }

    /// Where `bucket` is in the ring.
    @inlinable static func place(of bucket: Int64) -> Int { Int(truncatingIfNeeded: bucket) & (ringSize - 1) }
}
