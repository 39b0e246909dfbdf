import CSanziPrefetch

/// The pending events of a run, ordered by time, then priority, then scheduling order.
///
/// Layout, chosen by measurement (`sanzi-bench`, A2 with 100,000 pending events):
/// - a 4-ary min-heap of 16-byte keys, with each node's four children in one 64-byte cache
///   line, so a level of the sift costs one cache miss at most;
/// - each key packs the time since the list's origin (high 48 bits: 2.8 × 10^14 ticks, nine
///   years of microseconds), then the priority (8 bits), a scheduling sequence number (48 bits:
///   2.8 × 10^14 events, weeks of scheduling at the engine's fastest) and the event's slot (24
///   bits), so one integer comparison orders time, priority and FIFO order at once, and an
///   order reserved for a later event (`Scheduler.reserveOrder`) is never renumbered;
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

    /// Heap storage: logical index i lives at physical index i + 3 of a 64-byte aligned
    /// buffer, so the children 4i+1 … 4i+4 share one cache line.
    @usableFromInline var keys: UnsafeMutablePointer<UInt128>
    @usableFromInline var capacity: Int
    @usableFromInline var count = 0
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

    @inlinable
    init(origin: Tick) {
        self.origin = origin
        capacity = 61
        keys = Self.allocate(capacity)
        slotCapacity = 64
        payloads = .allocate(capacity: slotCapacity)
        slotStates = .allocate(capacity: slotCapacity)
        freeSlots = .allocate(capacity: slotCapacity)
    }

    @inlinable deinit {
        UnsafeMutableRawPointer(keys - 3).deallocate()
        payloads.deinitialize(count: slotCount)
        payloads.deallocate()
        slotStates.deallocate()
        freeSlots.deallocate()
    }

    @inlinable
    static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt128> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (capacity + 3) * 16, alignment: 64)
        return raw.bindMemory(to: UInt128.self, capacity: capacity + 3) + 3
    }

    /// The time of the first key, if any.
    @inlinable var firstTime: Tick? { count == 0 ? nil : time(of: keys[0]) }

    /// The payload of the first key, if any (it may be a cancelled event's).
    @inlinable var firstPayload: Payload? { count == 0 ? nil : payloads[Self.slot(of: keys[0])] }

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
        if count == capacity { grow() }
        siftUp(key, from: count)
        count += 1
        return EventHandle(slot: UInt32(slot), generation: slotStates[slot] >> 1)
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

    @usableFromInline
    mutating func growSlots() {
        precondition(slotCapacity < Self.slotLimit, "more than \(Self.slotLimit) events pending at once")
        let larger = min(slotCapacity * 2, Self.slotLimit)
        let movedPayloads = UnsafeMutablePointer<Payload>.allocate(capacity: larger)
        movedPayloads.moveInitialize(from: payloads, count: slotCount)
        payloads.deallocate()
        payloads = movedPayloads
        let movedStates = UnsafeMutablePointer<UInt32>.allocate(capacity: larger)
        movedStates.moveInitialize(from: slotStates, count: slotCount)
        slotStates.deallocate()
        slotStates = movedStates
        let movedFree = UnsafeMutablePointer<UInt32>.allocate(capacity: larger)
        movedFree.moveInitialize(from: freeSlots, count: freeCount)
        freeSlots.deallocate()
        freeSlots = movedFree
        slotCapacity = larger
    }

    // MARK: Removal

    /// Removes the first event if its time is before `horizon`, skipping cancelled ones.
    @inlinable
    mutating func removeFirst(before horizon: Tick) -> (time: Tick, payload: Payload)? {
        while count > 0 {
            let first = keys[0]
            let time = time(of: first)
            guard time < horizon else { return nil }
            count -= 1
            if count > 0 { siftDown(keys[count]) }
            let slot = Self.slot(of: first)
            let state = slotStates[slot]
            slotStates[slot] = (state | 1) &+ 1  // next generation, not cancelled
            freeSlots[freeCount] = UInt32(slot)
            freeCount += 1
            if state & 1 == 0 { return (time, payloads[slot]) }
        }
        return nil
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
