import CSanziPrefetch

/// The pending events of a run, ordered by time, then priority, then scheduling order.
///
/// Layout, chosen by measurement (`sanzi-bench`, A2 with 100,000 pending events, and the
/// world at 12,000 villages):
/// - each event is a 16-byte key that packs the time since the list's origin (high 48 bits:
///   2.8 × 10^14 ticks, nine years of microseconds), then the priority (8 bits), a scheduling
///   sequence number (48 bits: 2.8 × 10^14 events, weeks of scheduling at the engine's
///   fastest) and the event's slot (24 bits), so one integer comparison orders time, priority
///   and FIFO order at once, and an order reserved for a later event
///   (`Scheduler.reserveOrder`) is never renumbered;
/// - the keys wait in a cache-friendly heap (`KeyHeap`), or, with a bucket width, the keys of
///   later buckets wait in an `EventCalendar` and come to the heap a bucket at a time, when
///   it is empty: every key in the heap comes before every key in the calendar;
/// - payloads stay still in a slab of slots, reused through a free list: no allocation per
///   event, and sifting moves only keys.
///
/// A slot also carries a cancellation flag and a generation counter, so cancelling is O(1):
/// the event stays in the heap and is dropped when it comes up; a stale handle (of an event
/// that ran) finds another generation and does nothing.
@usableFromInline
struct FutureEventList<Payload>: ~Copyable {
    @usableFromInline static var slotBits: UInt64 { 24 }
    @usableFromInline static var sequenceBits: UInt64 { 48 }
    /// Where the priority's 8 bits and the time's 48 start in a key.
    @usableFromInline static var priorityShift: UInt64 { sequenceBits + slotBits }
    @usableFromInline static var timeShift: UInt64 { priorityShift + 8 }
    /// The most events that can be pending at once (16,777,216).
    @usableFromInline static var slotLimit: Int { 1 << 24 }
    /// How far after the origin an event can be scheduled: 2^48 ticks, what the bits above the
    /// priority hold.
    @usableFromInline static var timeLimit: Int64 { 1 << (128 - Int64(timeShift)) }

    /// The first events: every pending one without a calendar, with one those of the next
    /// bucket (and any scheduled before it since).
    @usableFromInline var heap = KeyHeap()
    @usableFromInline var later: EventCalendar
    @usableFromInline var sequence: UInt64 = 0
    /// The time keys count from: the scheduler's start.
    @usableFromInline let origin: Tick

    /// The slab: `slotCount` initialised payloads, and per slot generation << 1 | cancelled.
    @usableFromInline var payloads: UnsafeMutablePointer<Payload>
    @usableFromInline var slotStates: UnsafeMutablePointer<UInt32>
    /// Slots whose event has come up, ready for reuse (a stack of `freeCount`).
    @usableFromInline var freeSlots: UnsafeMutablePointer<UInt32>
    @usableFromInline var slotCount = 0
    @usableFromInline var freeCount = 0
    @usableFromInline var slotCapacity: Int

    /// An empty list whose times count from `origin`; with `bucketWidth` (ticks, a power of
    /// two), events of later buckets wait in a calendar.
    @inlinable
    init(origin: Tick, bucketWidth: Tick? = nil) {
        self.origin = origin
        later = EventCalendar(width: bucketWidth, timeShift: Self.timeShift)
        slotCapacity = 64
        payloads = .allocate(capacity: slotCapacity)
        slotStates = .allocate(capacity: slotCapacity)
        freeSlots = .allocate(capacity: slotCapacity)
    }

    @inlinable deinit {
        payloads.deinitialize(count: slotCount)
        payloads.deallocate()
        slotStates.deallocate()
        freeSlots.deallocate()
    }

    /// The events pending, cancelled ones included.
    @inlinable var count: Int { heap.count + later.count }

    /// The first key, if any: the heap's, or, while the heap is empty, the calendar's.
    @inlinable var firstKey: UInt128? { heap.count > 0 ? heap.keys[0] : later.firstKey() }

    /// The time of the first key, if any.
    @inlinable var firstTime: Tick? {
        guard let key = firstKey else { return nil }
        return time(of: key)
    }

    /// The payload of the first key, if any (it may be a cancelled event's).
    @inlinable var firstPayload: Payload? {
        guard let key = firstKey else { return nil }
        return payloads[Self.slot(of: key)]
    }

    @inlinable
    func time(of key: UInt128) -> Tick { origin &+ Tick(truncatingIfNeeded: key &>> Self.timeShift) }

    @inlinable
    static func slot(of key: UInt128) -> Int { Int(truncatingIfNeeded: key & UInt128(slotLimit - 1)) }

    // MARK: Insertion

    /// Takes the next scheduling sequence number, for an event inserted now or later.
    @inlinable
    mutating func nextSequence() -> UInt64 {
        precondition(sequence < 1 << Self.sequenceBits, "more than 2^48 events scheduled")
        defer { sequence += 1 }
        return sequence
    }

    /// Adds an event in the place of `sequence` among the events of its time and priority;
    /// returns its slot and the slot's generation (for a cancellation handle).
    @inlinable
    mutating func insert(_ payload: Payload, at time: Tick, priority: Priority, sequence: UInt64) -> EventHandle {
        let offset = time &- origin
        precondition(
            offset >= 0 && offset < Self.timeLimit, "an event 2^48 ticks or more after the start (at \(time))")
        let slot: Int
        if freeCount > 0 {
            freeCount -= 1
            slot = Int(freeSlots[freeCount])
            payloads[slot] = payload
        } else {
            if slotCount == slotCapacity { growSlots() }
            slot = slotCount
            slotCount += 1
            (payloads + slot).initialize(to: payload)
            slotStates[slot] = 0
        }
        let rank = UInt64(UInt8(bitPattern: priority.rawValue) ^ 0x80)
        let order: UInt128 = UInt128(rank) &<< Self.priorityShift | UInt128(sequence) &<< Self.slotBits | UInt128(slot)
        let key: UInt128 = UInt128(UInt64(offset)) &<< Self.timeShift | order
        let bucket = later.bucket(ofOffset: offset)
        if bucket < later.base { heap.insert(key) } else { later.insert(key, bucket: bucket) }
        return EventHandle(slot: UInt32(slot), generation: slotStates[slot] >> 1)
    }

    @usableFromInline
    mutating func growSlots() {
        precondition(slotCapacity < Self.slotLimit, "more than \(Self.slotLimit) events pending at once")
        let larger = min(slotCapacity * 2, Self.slotLimit)
        payloads = payloads.moved(count: slotCount, toCapacity: larger)
        slotStates = slotStates.moved(count: slotCount, toCapacity: larger)
        freeSlots = freeSlots.moved(count: freeCount, toCapacity: larger)
        slotCapacity = larger
    }

    // MARK: Removal

    /// Removes the first event if its time is before `horizon`, skipping cancelled ones.
    @inlinable
    mutating func removeFirst(before horizon: Tick) -> (time: Tick, payload: Payload)? {
        while true {
            // The heap is empty with events pending only when they were all scheduled into an
            // empty list; after each removal it takes the next bucket at once (below).
            if heap.count == 0 {
                guard later.count > 0 else { return nil }
                later.moveNextBucket(to: &heap)
            }
            let first = heap.keys[0]
            let time = time(of: first)
            guard time < horizon else { return nil }
            _ = heap.removeFirst()
            if heap.count == 0 && later.count > 0 { later.moveNextBucket(to: &heap) }
            // The event after the next is among the root's children: start loading their
            // slots, written when they were scheduled, often a year before (README, "Prefetch").
            // Inline: as a method of the list's, it made the compiler copy the list.
            var child = 1
            while child < 5 && child < heap.count {
                let slot = Self.slot(of: heap.keys[child])
                sanzi_prefetch(payloads + slot)
                sanzi_prefetch(slotStates + slot)
                child += 1
            }
            let slot = Self.slot(of: first)
            let state = slotStates[slot]
            slotStates[slot] = (state | 1) &+ 1  // next generation, not cancelled
            freeSlots[freeCount] = UInt32(slot)
            freeCount += 1
            if state & 1 == 0 { return (time, payloads[slot]) }
        }
    }

    // MARK: Cancellation

    /// Marks a pending event cancelled; `false` when it already ran or was cancelled.
    @inlinable
    mutating func cancel(_ handle: EventHandle) -> Bool {
        let slot = Int(handle.slot)
        guard slot < slotCount, slotStates[slot] == handle.generation << 1 else { return false }
        slotStates[slot] |= 1
        return true
    }
}
