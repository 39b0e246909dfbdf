/// Bytes of text built for a file written in bulk (the alert files): a string is copied from
/// its own UTF-8 storage in one move and a number formatted in place, where an `[UInt8]`'s
/// `append(contentsOf:)` cost some 90 instructions a call in checks before the copy.
public struct ByteBuffer: ~Copyable {
    // Inlinable, with the storage it touches, so that the alert writer's calls compile to a few
    // moves (called across the module boundary, they cost more than the array's).
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var used = 0
    /// The bytes appended since the last `removeAll()`.
    @inlinable public var count: Int { used }

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes appended so far, valid until the next change.
    @inlinable public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: used) }

    /// Forgets the bytes, keeping the room.
    @inlinable public mutating func removeAll() { used = 0 }

    /// Makes room for `extra` more bytes.
    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        guard used + extra > capacity else { return }
        grow(to: used + extra)
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: start, count: used)
        start.deallocate()
        (start, capacity) = (moved, larger)
    }

    @inlinable public mutating func append(_ byte: UInt8) {
        reserve(1)
        start[used] = byte
        used += 1
    }

    @inlinable public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (start + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    /// Appends the bytes of `value` as they are in memory (for a file read back by this
    /// process, such as a `Spool`'s).
    @inlinable public mutating func append<Value: BitwiseCopyable>(bytesOf value: Value) {
        reserve(MemoryLayout<Value>.size)
        UnsafeMutableRawPointer(start + used).storeBytes(of: value, as: Value.self)
        used += MemoryLayout<Value>.size
    }

    @inlinable public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends each string's UTF-8 bytes (plain overloads, not a variadic parameter, which
    /// would make an array a call).
    @inlinable public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inlinable public mutating func append(_ a: String, _ b: String) {
        append(a)
        append(b)
    }

    @inlinable public mutating func append(_ a: String, _ b: String, _ c: String) {
        append(a, b)
        append(c)
    }

    @inlinable public mutating func append(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) {
        append(a, b, c)
        append(d, e)
    }

    @inlinable public mutating func append(
        _ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String, _ g: String
    ) {
        append(a, b, c, d, e)
        append(f, g)
    }

    /// Appends a whole number's decimal digits.
    @inlinable public mutating func appendDigits(_ value: some BinaryInteger) {
        DecimalDigits.of(value) { append($0) }
    }

    /// Appends whole numbers with `separator` between them.
    @inlinable public mutating func appendDigits<Number: BinaryInteger>(_ values: [Number], separator: Unicode.Scalar) {
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: separator)) }
            appendDigits(value)
        }
    }
}
