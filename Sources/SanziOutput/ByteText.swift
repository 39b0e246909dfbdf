/// Text built as UTF-8 bytes, for files written in bulk (alerts, the ground truth): numbers
/// are formatted in place, without a string each.
public enum DecimalDigits {
    /// Calls `body` with a whole number's decimal digits (and sign), formatted on the stack.
    @inlinable @inline(__always)
    public static func of<Result>(_ value: some BinaryInteger, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
        -> Result
    {
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return Swift.withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                scratch[index] = UInt8(ascii: "-")
            }
            let written = UnsafeRawBufferPointer(rebasing: scratch[index...]).assumingMemoryBound(to: UInt8.self)
            return body(written)
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a whole number's decimal digits without making a string.
    @inlinable
    public mutating func appendDigits<Number: BinaryInteger>(_ value: Number) {
        DecimalDigits.of(value) { append(contentsOf: $0) }
    }

    /// Appends whole numbers with `separator` between them.
    @inlinable
    public mutating func appendDigits<Number: BinaryInteger>(_ values: [Number], separator: Unicode.Scalar) {
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: separator)) }
            appendDigits(value)
        }
    }
}
