/// A whole number's decimal digits, formatted on the stack: for text built as UTF-8 bytes
/// (`ByteBuffer`: the alert files, the ground truth's table), without a string each.
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
