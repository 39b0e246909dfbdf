import CSanziPrefetch

/// Every village's id as a JSON literal, laid out so that a line's village costs the encoder
/// one read: each village has a slot of `slotSize` bytes (16, 32 or 64, the least that holds
/// the longest literal and a byte more), the literal from its start and its length in its last
/// byte, the slots aligned so that none straddles a cache line. (At 12,000 villages a span
/// looked up in one table and then the bytes in the encoder's arena missed the cache twice a
/// line.)
///
/// A literal longer than the largest slot takes (a village id may have 200 characters) is
/// stored after the slots; its slot holds its offset and `elsewhere` as its length. Slot 0 is
/// `null`, for scenario-wide events; village `n` is slot `n + 1`. Immutable once made, and
/// shared by the encoder's copies.
final class VillageLiterals: @unchecked Sendable {
    /// A slot's last byte when the literal is stored after the slots.
    static let elsewhere = UInt8.max
    static let largestSlot = 64

    private let slotSize: Int
    private let storage: UnsafeMutableRawPointer
    private let slotCount: Int

    /// `literals` are the villages' ids escaped and quoted. The storage ends with `spare` bytes
    /// more, for copies that read past a literal's end.
    init(_ literals: [String], spare: Int) {
        let all = [Array("null".utf8)] + literals.map { Array($0.utf8) }
        let longest = all.map(\.count).max() ?? 0
        let slotSize = [16, 32, Self.largestSlot].first { longest < $0 } ?? Self.largestSlot
        self.slotSize = slotSize
        slotCount = all.count
        let long = all.filter { $0.count >= slotSize }
        let byteCount = slotCount * slotSize + long.map(\.count).reduce(0, +) + spare
        storage = .allocate(byteCount: byteCount, alignment: Self.largestSlot)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        var end = slotCount * slotSize
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

    /// Asks the processor to start loading `village`'s slot (a hint; nothing for a village out
    /// of range).
    @inline(__always)
    func prefetch(_ village: Int32) {
        let index = village < 0 ? 0 : Int(village) + 1
        guard index < slotCount else { return }
        sanzi_prefetch(storage + index * slotSize)
    }

    /// Where `village`'s literal starts (a negative village's is `null`) and its length.
    @inline(__always)
    func literal(_ village: Int32) -> (start: UnsafeRawPointer, length: Int) {
        let index = village < 0 ? 0 : Int(village) + 1
        precondition(index < slotCount, "no village \(village) in the log's table")
        let slot = UnsafeRawPointer(storage + index * slotSize)
        let length = slot.load(fromByteOffset: slotSize - 1, as: UInt8.self)
        guard length == Self.elsewhere else { return (slot, Int(length)) }
        return (
            UnsafeRawPointer(storage + Int(slot.load(as: Int32.self))),
            Int(slot.load(fromByteOffset: 4, as: Int32.self))
        )
    }
}
