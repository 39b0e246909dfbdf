/// Strings written again and again (the villages' ids in the log and the alert files), laid out
/// so that copying one costs one read: each has a slot of `slotSize` bytes (16, 32 or 64, the
/// least that holds the longest and a byte more), its bytes from the slot's start and its length
/// in the slot's last byte, the slots aligned so that none straddles a cache line. (At 12,000
/// villages, looking an id up in one table and then its bytes elsewhere, or in an array of its
/// own, missed the cache twice a line.)
///
/// A string longer than the largest slot takes (a village id may have 200 characters, 1,200
/// bytes escaped) is stored after the slots, its slot holding its offset and `elsewhere` as its
/// length. Immutable once made, and shared by the copies of its owner.
public final class LiteralSlots: @unchecked Sendable {
    /// A slot's last byte when the string is stored after the slots.
    @usableFromInline static let elsewhere = UInt8.max
    static let largestSlot = 64

    // Inlinable, with the storage it reads, so that a writer's read of a string compiles to a
    // few moves (as `ByteBuffer`).
    @usableFromInline let slotSize: Int
    @usableFromInline let storage: UnsafeMutableRawPointer
    /// How many strings there are.
    public let count: Int

    /// Lays out `strings`, their bytes as they are (escape them first). The storage ends with
    /// `spare` bytes more, for copies that read past a string's end.
    public init(_ strings: [String], spare: Int = 0) {
        let all = strings.map { Array($0.utf8) }
        let longest = all.map(\.count).max() ?? 0
        let slotSize = [16, 32, Self.largestSlot].first { longest < $0 } ?? Self.largestSlot
        self.slotSize = slotSize
        count = all.count
        let long = all.filter { $0.count >= slotSize }
        let byteCount = count * slotSize + long.map(\.count).reduce(0, +) + spare
        storage = .allocate(byteCount: byteCount, alignment: Self.largestSlot)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        var end = count * slotSize
        for (index, bytes) in all.enumerated() {
            let slot = storage + index * slotSize
            if bytes.count < slotSize {
                slot.copyMemory(from: bytes, byteCount: bytes.count)
                slot.storeBytes(of: UInt8(bytes.count), toByteOffset: slotSize - 1, as: UInt8.self)
            } else {
                (storage + end).copyMemory(from: bytes, byteCount: bytes.count)
                slot.storeBytes(of: Int32(end), as: Int32.self)
                slot.storeBytes(of: Int32(bytes.count), toByteOffset: 4, as: Int32.self)
                slot.storeBytes(of: Self.elsewhere, toByteOffset: slotSize - 1, as: UInt8.self)
                end += bytes.count
            }
        }
    }

    deinit { storage.deallocate() }

    /// The slot of the string at `index` (in `0..<count`), for asking the processor to load it
    /// ahead of `subscript`.
    @inlinable @inline(__always)
    public func slot(_ index: Int) -> UnsafeRawPointer { UnsafeRawPointer(storage + index * slotSize) }

    /// The bytes of the string at `index` (in `0..<count`).
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "no string \(index) of \(count)")
        let slot = slot(index)
        let length = slot.load(fromByteOffset: slotSize - 1, as: UInt8.self)
        guard length == Self.elsewhere else {
            return UnsafeBufferPointer(start: slot.assumingMemoryBound(to: UInt8.self), count: Int(length))
        }
        let start = UnsafeRawPointer(storage + Int(slot.load(as: Int32.self)))
        return UnsafeBufferPointer(
            start: start.assumingMemoryBound(to: UInt8.self), count: Int(slot.load(fromByteOffset: 4, as: Int32.self)))
    }
}
